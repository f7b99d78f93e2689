/**
 * Settings › Delivery connections in the window: a token refused by the service is reported next
 * to the form and not kept; an accepted one is listed (never shown), and removing it deletes it
 * from the keychain. Screenshots in each look.
 */
import { seedGitHubActions, startGitHubActions } from '../simulators/github-actions';
import { eachLook, expect, screenshot, test } from './fixtures';

test('add, list and remove a delivery connection', async ({ app, host }) => {
  const sim = await startGitHubActions();
  try {
    const seed = seedGitHubActions(sim);
    await app.getByRole('button', { name: 'Settings', exact: true }).click();
    const section = app.getByRole('region', { name: 'Delivery connections' });
    await section.scrollIntoViewIfNeeded();
    await expect(section.getByText('No delivery connections yet.')).toBeVisible();
    const form = section.getByRole('form', { name: 'Add a delivery connection' });
    await form.getByLabel('Name').fill('CI secrets');
    await form.getByLabel('Address').fill(sim.apiUrl);
    await form.getByLabel('Token').fill('github_pat_not_accepted_anywhere_0000');
    await form.getByRole('button', { name: 'Add delivery connection' }).click();
    await expect(form.getByText('GitHub refused this token (401).', { exact: false })).toBeVisible();

    await form.getByLabel('Token').fill(seed.writer);
    await form.getByRole('button', { name: 'Add delivery connection' }).click();
    const list = section.getByRole('list', { name: 'Delivery connections' });
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).toContainText('CI secrets · GitHub · jane');
    await expect(form.getByLabel('Token')).toHaveValue('');
    await expect(app.locator('body')).not.toContainText(seed.writer);

    await eachLook(app, host, async (look) => {
      await section.scrollIntoViewIfNeeded();
      await screenshot(app, `settings-delivery-connections-${look}`);
    });

    await list.getByRole('button', { name: 'Remove the delivery connection CI secrets' }).click();
    await list.getByRole('button', { name: 'Remove and delete token' }).click();
    await expect(section.getByText('No delivery connections yet.')).toBeVisible();
    expect(host.core.services.deliveryConnections.list().connections).toEqual([]);
  } finally {
    await sim.close();
  }
});
