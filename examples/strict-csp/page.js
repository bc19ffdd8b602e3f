// The page's own script, from its own origin: under `script-src 'self'` this replaces an inline script.
// Loaded before dist/careslot.js (module scripts run in document order), so `options` is in place when
// <booking-provider> upgrades and loads its backend.
const booking = document.getElementById('booking');
booking.options = {
  // Adapters that talk to a real backend call this before each request.
  getToken: async () => 'demo-token',
};
booking.addEventListener('booking-confirmed', (event) => {
  // textContent, not innerHTML: under Trusted Types an HTML string sink would be refused.
  document.getElementById('last-booking').textContent = `Booked appointment ${event.detail.appointment.id}.`;
});
