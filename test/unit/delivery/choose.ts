/** As the user does in the target's form: each path picked in main's own dialog (the fake answers). */
import type { TestCore } from '../helpers';

export async function choosePaths(t: TestCore, ...paths: string[]): Promise<void> {
  for (const file of paths) {
    t.fakes.system.nextPaths.push(file);
    await t.core.handlers.chooseDeliveryPath({ purpose: 'file' });
  }
}
