/**
 * A SpawnPort for tests: the core's own (node's spawn without a shell, the request's environment
 * only, standard input written then closed, a timeout that kills the child), recording every
 * request so a test can scan argv and env for the canary.
 */
import { nodeSpawnPort } from '../../../../src-main/core/services/delivery/node-spawn';
import type {
  SpawnPort,
  SpawnRequest,
  SpawnResult,
} from '../../../../src-main/core/services/delivery/target-kind';

export class TestSpawn implements SpawnPort {
  readonly requests: SpawnRequest[] = [];

  run(request: SpawnRequest): Promise<SpawnResult> {
    this.requests.push(request);
    return nodeSpawnPort.run(request);
  }
}
