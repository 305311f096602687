import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WebhookSetup } from '../../../../shared/contract/areas/overseerr';
import { createFakeCore, type FakeCore } from '../../testing/fake-core';
import { fakePublicSettings } from '../../testing/fake-transport';
import { cleanupApp, renderApp, resetLocation } from '../../testing/render-app';

const setup: WebhookSetup = {
  enabled: true,
  listening: true,
  url: 'http://192.168.1.20:5056/webhooks/overseerr',
  otherUrls: ['http://127.0.0.1:5056/webhooks/overseerr'],
  authorization: 'Bearer made-by-medianest',
  template: '{\n  "notification_type": "{{notification_type}}"\n}',
  types: ['MEDIA_APPROVED', 'MEDIA_AVAILABLE'],
  lastTestAt: null,
  lastDeliveryAt: null,
  problem: null,
};

describe('Settings → Requests', () => {
  let core: FakeCore;
  let current: WebhookSetup;
  beforeEach(() => {
    resetLocation('#/settings');
    current = setup;
    core = createFakeCore({ settings: fakePublicSettings({ requests: { webhookEnabled: true } }) });
    core.transport.handle('overseerr:webhook', () => current);
  });
  afterEach(cleanupApp);

  it("shows what to paste into Overseerr and confirms Overseerr's test when it arrives", async () => {
    renderApp(core);
    const panel = await screen.findByTestId('webhook-setup');
    expect((within(panel).getByLabelText('Webhook URL') as HTMLInputElement).value).toBe(setup.url);
    expect((within(panel).getByLabelText('Authorization Header') as HTMLInputElement).value).toBe('Bearer made-by-medianest');
    expect((within(panel).getByLabelText('JSON Payload') as HTMLTextAreaElement).value).toBe(setup.template);
    expect(within(panel).getByText(/127\.0\.0\.1:5056/)).toBeTruthy();
    expect(within(panel).getByText('No test from Overseerr yet')).toBeTruthy();
    current = { ...setup, lastTestAt: Date.UTC(2026, 11, 1, 14, 2) };
    core.transport.emit('overseerr:webhook-received', { type: 'TEST_NOTIFICATION', at: current.lastTestAt! });
    expect(await within(panel).findByText(/Overseerr's test arrived at/)).toBeTruthy();
  });

  it('saves the receiver settings', async () => {
    const user = userEvent.setup();
    renderApp(core);
    const section = await screen.findByTestId('requests-settings');
    const port = within(section).getByLabelText('Port');
    await user.clear(port);
    await user.type(port, '8099');
    await user.click(within(section).getByRole('button', { name: 'Save request settings' }));
    expect(core.settings.requests.webhookPort).toBe(8099);
  });
});
