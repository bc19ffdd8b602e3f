// The demo site's pages: one per backend, each against its contract server under /mock/<backend>/.
// Add a line here when a backend gets its demo page (demo/<backend>.html).
export const DEMO_PAGES: { href: string; label: string }[] = [
  { href: './', label: 'Demo clinic' },
  { href: './fhir.html', label: 'FHIR R4' },
  { href: './canvas.html', label: 'Canvas' },
  { href: './kp-mycare.html', label: 'KP mycare' },
  { href: './medfusion.html', label: 'Medfusion' },
  { href: './salesforce.html', label: 'Salesforce Health Cloud' },
  { href: './snapmd.html', label: 'SnapMD' },
  { href: './smart-links.html', label: 'SMART Scheduling Links' },
];

const nav = document.querySelector('nav[aria-label="Demo pages"]');
if (nav) {
  const here = location.pathname.split('/').pop() || '';
  nav.replaceChildren(
    ...DEMO_PAGES.map(({ href, label }) => {
      const link = document.createElement('a');
      link.href = href;
      link.textContent = label;
      const target = href.replace('./', '');
      if (target === here || (target === '' && here === 'index.html')) link.setAttribute('aria-current', 'page');
      return link;
    }),
  );
}
