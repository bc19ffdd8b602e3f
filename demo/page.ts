// Renders a demo page: the clinic's header with the nav, then the page's <booking-provider> (its row in
// pages.ts) around the cards every page shares: pick a time, book it, your appointments.
import { html, nothing, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/careslot.js';
import { DEMO_PAGES, type DemoPage } from './pages.js';

const here = location.pathname.split('/').pop() || '';
const page = DEMO_PAGES.find(({ file }) => file === here || (file === '' && here === 'index.html'));
if (!page) throw new Error(`demo/${here} has no row in demo/pages.ts`);

/** The clinician (or clinic) select: sets that attribute on the picker, or removes it for "Anyone". */
function filter({ label, attribute, initial, choices }: NonNullable<DemoPage['filter']>) {
  const change = (event: Event) => {
    const { value } = event.target as HTMLSelectElement;
    const picker = document.querySelector('slot-picker')!;
    if (value) picker.setAttribute(attribute, value);
    else picker.removeAttribute(attribute);
  };
  return html`<label class="filter"
    >${label}
    <select id=${attribute} @change=${change}>
      ${choices.map(([value, text]) => html`<option value=${value} ?selected=${value === (initial ?? '')}>${text}</option>`)}
    </select>
  </label>`;
}

function layout(p: DemoPage) {
  return html`<header class="site-header">
      <a class="brand" href="./">Harbor Health Group</a>
      <nav aria-label="Demo pages">
        ${DEMO_PAGES.map(({ file, label }) => html`<a href=${`./${file}`} aria-current=${ifDefined(file === p.file ? 'page' : undefined)}>${label}</a>`)}
      </nav>
    </header>
    <main>
      <h1>${p.heading}</h1>
      <p class="lead">${p.lead}</p>
      <booking-provider
        backend=${p.backend}
        base-url=${ifDefined(p.baseUrl)}
        patient=${ifDefined(p.patient)}
        .options=${p.options}
      >
        <div class="layout">
          <section aria-labelledby="pick-heading" class="card">
            <h2 id="pick-heading">${p.pickHeading ?? '1. Pick a time'}</h2>
            ${p.filter ? filter(p.filter) : nothing}
            <slot-picker
              id="picker"
              practitioner=${ifDefined(p.filter?.attribute === 'practitioner' ? p.filter.initial : undefined)}
              location=${ifDefined(p.filter?.attribute === 'location' ? p.filter.initial : undefined)}
              days="5"
            ></slot-picker>
          </section>
          <section aria-labelledby="book-heading" class="card">
            <h2 id="book-heading">${p.bookHeading ?? '2. Book it'}</h2>
            <confirm-button appointment=${ifDefined(p.confirmAppointment)}></confirm-button>
          </section>
          ${
            p.appointments === false
              ? nothing
              : html`<section aria-labelledby="list-heading" class="card wide">
                  <h2 id="list-heading">Your appointments</h2>
                  <appointment-list></appointment-list>
                  <details>
                    <summary>Past appointments</summary>
                    <appointment-list filter="past"></appointment-list>
                  </details>
                </section>`
          }
        </div>
      </booking-provider>
    </main>`;
}

render(layout(page), document.body);
