// Renders a demo page: the clinic's header with the nav, then the page's <booking-provider> (its row in
// pages.ts) around the cards every page shares: pick a time, book it, your appointments.
import { html, nothing, render } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import '../src/careslot.js';
import { DEMO_PAGES, type DemoPage } from './pages.js';

const here = location.pathname.split('/').pop() || '';
const page = DEMO_PAGES.find(({ file }) => file === here || (file === '' && here === 'index.html'));
if (!page) throw new Error(`demo/${here} has no row in demo/pages.ts`);

/**
 * Visit type, place and clinician chosen inside careslot (<visit-filter>, from the backend's lists), and the
 * patient's own zone (<time-zone-select>). The page's row may preset one choice.
 */
function filters({ attribute, initial }: NonNullable<DemoPage['filter']>) {
  return html`<div class="filters">
    <visit-filter
      practitioner=${ifDefined(attribute === 'practitioner' ? initial : undefined)}
      location=${ifDefined(attribute === 'location' ? initial : undefined)}
    ></visit-filter>
    <time-zone-select></time-zone-select>
  </div>`;
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
        ${p.flow ? html`<section class="card wide"><booking-flow></booking-flow></section>` : cards(p)}
      </booking-provider>
    </main>`;
}

/** The pieces placed by the page itself: pick a time, book it, your appointments. */
function cards(p: DemoPage) {
  return html`<div class="layout">
    <section aria-labelledby="pick-heading" class="card">
      <h2 id="pick-heading">${p.pickHeading ?? '1. Pick a time'}</h2>
      ${p.filter ? filters(p.filter) : nothing}
      <slot-picker id="picker"></slot-picker>
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
  </div>`;
}

render(layout(page), document.body);
