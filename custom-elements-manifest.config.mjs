// Generates custom-elements.json (the Custom Elements Manifest) from the JSDoc on each element class:
// attributes, properties, events, slots, CSS parts and CSS custom properties. Storybook reads it for
// docs and controls; the npm package ships it (package.json "customElements").
//   npm run analyze
export default {
  // One folder per element, plus the base class in shared/ (its `timeZone` property is inherited by the
  // elements and documented on them through the analyzer's inheritance pass). Everything else in shared/
  // (helpers, context, the event map, controllers) is internal; styles are plain css`` blocks.
  globs: ['src/elements/!(shared)/*.ts', 'src/elements/shared/base.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
  packagejson: false,
  plugins: [
    {
      // Custom elements are registered in src/define.ts with defineElement(), which the analyzer cannot
      // follow: name each class's tag here so the manifest has `tagName` and `customElement: true`.
      name: 'careslot-tag-names',
      analyzePhase({ ts, node, moduleDoc }) {
        if (!ts.isClassDeclaration(node) || !node.name) return;
        const tag = TAGS[node.name.getText()];
        if (!tag) return;
        const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.getText());
        if (!declaration) return;
        declaration.tagName = tag;
        declaration.customElement = true;
        moduleDoc.exports = [
          ...(moduleDoc.exports ?? []),
          {
            kind: 'custom-element-definition',
            name: tag,
            declaration: { name: declaration.name, module: moduleDoc.path },
          },
        ];
      },
    },
    {
      // Lit's `state: true` properties and protected/private plumbing (tasks, context consumers, ElementInternals)
      // are not public API: drop them so the docs and Storybook controls show only what a page can use.
      name: 'careslot-public-api-only',
      packageLinkPhase({ customElementsManifest }) {
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            if (declaration.kind !== 'class') continue;
            const hidden = new Set(
              (declaration.members ?? [])
                .filter((m) => m.privacy === 'private' || m.privacy === 'protected' || m.static || INTERNAL.has(m.name))
                .map((m) => m.name),
            );
            declaration.members = declaration.members?.filter((m) => !hidden.has(m.name));
            declaration.attributes = declaration.attributes?.filter((a) => !a.fieldName || !hidden.has(a.fieldName));
          }
        }
      },
    },
    {
      // The analyzer lists modules in the order its glob walk finds the files, and that walk reads folders
      // concurrently: the order can change from run to run (it did after `npm run build`). Sorting by path
      // makes `npm run analyze` write the same file every time, so the tracked manifest only changes when
      // the documented API does. Last, after the analyzer's own link phase and the plugins above.
      name: 'careslot-stable-module-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};

/** Members the analyzer sees but that are not API: `this.internals.role = …`, form lifecycle callbacks. */
const INTERNAL = new Set(['role', 'formResetCallback']);

const TAGS = {
  BookingProviderElement: 'booking-provider',
  SlotPickerElement: 'slot-picker',
  ConfirmButtonElement: 'confirm-button',
  AppointmentListElement: 'appointment-list',
  VisitFilterElement: 'visit-filter',
  TimeZoneSelectElement: 'time-zone-select',
  PatientFormElement: 'patient-form',
  BookingConfirmationElement: 'booking-confirmation',
  BookingFlowElement: 'booking-flow',
};
