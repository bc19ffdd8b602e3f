import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { addons } from 'storybook/preview-api';
import { expect, waitFor } from 'storybook/test';
import { bookingProvider } from './support/page.js';
import { chooseSlotByClick } from './support/play.js';

/**
 * The Actions panel lists every careslot event a story fires: the global `withActions` decorator listens for
 * each name of the event map (stories/support/events.ts) on the story root, where the composed events bubble.
 */
const meta = {
  title: 'States/Actions panel',
  tags: ['!autodocs'],
  render: () => bookingProvider({}, html`<slot-picker view="list" days="1" start="2026-03-03"></slot-picker>`),
} satisfies Meta;

export default meta;
type Story = StoryObj;

/** Choosing a time: `slot-select` reaches the Actions panel. */
export const SlotSelectIsLogged: Story = {
  play: async ({ canvasElement }) => {
    const logged: string[] = [];
    const channel = addons.getChannel();
    const emit = channel.emit.bind(channel);
    // What the Actions panel receives: the action events on the preview's channel.
    channel.emit = (type: string, ...args: unknown[]) => {
      const data = (args[0] as { data?: { name?: string } } | undefined)?.data;
      if (type === 'storybook/actions/action-event') logged.push(data?.name ?? '');
      else logged.push(`other:${type}`);
      return emit(type, ...args);
    };
    try {
      await chooseSlotByClick(canvasElement);
      await waitFor(() => expect(logged).toContain('slot-select'));
    } finally {
      channel.emit = emit;
    }
  },
};
