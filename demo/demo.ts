// Wires the demo page's clinician filter to the slot picker.
const select = document.querySelector<HTMLSelectElement>('#practitioner')!;
const picker = document.querySelector('slot-picker')!;
select.value = picker.getAttribute('practitioner') ?? '';
select.addEventListener('change', () => {
  if (select.value) picker.setAttribute('practitioner', select.value);
  else picker.removeAttribute('practitioner');
});
