/**
 * Integrity and updates in the installer configuration, and the afterPack checks that prove them
 * on a package (scripts/verify-integrity.ts): the fuses read back from an Electron binary's fuse
 * wire (here a stand-in file carrying the real sentinel, since Electron's binary cannot be
 * downloaded on these machines), app.asar's header hash where Electron looks for it on macOS
 * (Info.plist) and Windows (the executable's resource), the update feed, and release builds in CI
 * that must be signed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createPackage } from '@electron/asar';
import type { Configuration } from 'electron-builder';
import { beforeAll, describe, expect, it } from 'vitest';
import { signingReport, signingStatus } from '../../../scripts/release-signing';
import {
  REQUIRED_FUSES,
  asarHeaderHash,
  asarIntegrityProblems,
  flipRequiredFuses,
  fuseConfigProblems,
  fuseWireProblems,
} from '../../../scripts/verify-integrity';
import { loadBuilderConfig } from './builder-config';

const require = createRequire(import.meta.url);
const { SENTINEL } = require('@electron/fuses/dist/constants') as { SENTINEL: string };

let config: Configuration;
beforeAll(async () => {
  config = await loadBuilderConfig();
});

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'tk-integrity-'));

/** A file laid out like an Electron binary around its fuse wire: version 1, 8 fuses, all given. */
function fakeElectron(states: string): string {
  const file = path.join(tmp(), 'tokenkeeper');
  const wire = Buffer.from([1, states.length, ...Buffer.from(states, 'latin1')]);
  fs.writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL), wire, Buffer.alloc(512)]),
  );
  return file;
}

async function packedAsar(): Promise<string> {
  const dir = tmp();
  fs.mkdirSync(path.join(dir, 'app/out/main'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'app/package.json'), '{"name":"tokenkeeper"}');
  fs.writeFileSync(path.join(dir, 'app/out/main/index.js'), 'console.log(1)');
  await createPackage(path.join(dir, 'app'), path.join(dir, 'app.asar'));
  return path.join(dir, 'app.asar');
}

const plist = (hash: string, algorithm = 'SHA256') => `<?xml version="1.0" encoding="UTF-8"?>
<plist version="1.0">
<dict>
  <key>CFBundleName</key>
  <string>Tokenkeeper</string>
  <key>ElectronAsarIntegrity</key>
  <dict>
    <key>Resources/app.asar</key>
    <dict>
      <key>algorithm</key>
      <string>${algorithm}</string>
      <key>hash</key>
      <string>${hash}</string>
    </dict>
  </dict>
</dict>
</plist>`;

describe('the fuses', () => {
  it('are all set in the configuration, asar integrity and only-from-asar among them', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
      enableCookieEncryption: true,
    });
    expect(fuseConfigProblems(config.electronFuses)).toEqual([]);
    const { enableEmbeddedAsarIntegrityValidation: _dropped, ...without } = REQUIRED_FUSES;
    expect(fuseConfigProblems(without)).toEqual([
      'electronFuses.enableEmbeddedAsarIntegrityValidation must be true (it is undefined).',
    ]);
  });

  it('are read back from the binary after the afterPack hook flipped them', async () => {
    // An Electron as downloaded: RunAsNode, NodeOptions and inspect on; integrity and asar-only off.
    const binary = fakeElectron('10110010');
    expect(await fuseWireProblems(binary)).toEqual([
      'The fuse RunAsNode is on in the binary; it must be off.',
      'The fuse EnableCookieEncryption is off in the binary; it must be on.',
      'The fuse EnableNodeOptionsEnvironmentVariable is on in the binary; it must be off.',
      'The fuse EnableNodeCliInspectArguments is on in the binary; it must be off.',
      'The fuse EnableEmbeddedAsarIntegrityValidation is off in the binary; it must be on.',
      'The fuse OnlyLoadAppFromAsar is off in the binary; it must be on.',
    ]);
    await flipRequiredFuses(binary);
    expect(await fuseWireProblems(binary)).toEqual([]);
  });

  it('refuse a binary whose wire lacks a fuse, and one with no wire at all', async () => {
    expect(await fuseWireProblems(fakeElectron('0100'))).toEqual([
      'The fuse EnableEmbeddedAsarIntegrityValidation is missing in the binary; it must be on.',
      'The fuse OnlyLoadAppFromAsar is missing in the binary; it must be on.',
      'The fuse GrantFileProtocolExtraPrivileges is missing in the binary; it must be off.',
    ]);
    const plain = path.join(tmp(), 'not-electron');
    fs.writeFileSync(plain, 'no sentinel here');
    expect((await fuseWireProblems(plain))[0]).toMatch(/has no fuse wire to read/);
  });
});

describe('asar integrity', () => {
  it('accepts the header hash stamped into Info.plist (macOS), refuses a wrong, missing or other-algorithm one', async () => {
    const asar = await packedAsar();
    const stampedIn = path.join(tmp(), 'Info.plist');
    const check = (text: string) => {
      fs.writeFileSync(stampedIn, text);
      return asarIntegrityProblems({ platform: 'darwin', asar, stampedIn });
    };
    expect(check(plist(asarHeaderHash(asar)))).toEqual([]);
    expect(check(plist('0'.repeat(64)))[0]).toMatch(/is not app\.asar's .*the app would refuse to start/);
    expect(check(plist(asarHeaderHash(asar), 'SHA1'))[0]).toMatch(/No ASAR integrity hash/);
    expect(check('<plist><dict></dict></plist>')[0]).toMatch(/No ASAR integrity hash for app.asar/);
  });

  it('accepts the hash in the Windows executable’s INTEGRITY resource as electron-builder writes it', async () => {
    const asar = await packedAsar();
    const exe = path.join(tmp(), 'Tokenkeeper.exe');
    const resource = (value: string) =>
      Buffer.from(
        JSON.stringify([{ file: path.win32.normalize('resources/app.asar'), alg: 'SHA256', value }]),
      );
    fs.writeFileSync(
      exe,
      Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100), resource(asarHeaderHash(asar))]),
    );
    expect(asarIntegrityProblems({ platform: 'win32', asar, stampedIn: exe })).toEqual([]);
    fs.writeFileSync(exe, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]));
    expect(asarIntegrityProblems({ platform: 'win32', asar, stampedIn: exe })[0]).toMatch(
      /No ASAR integrity hash/,
    );
  });

  it('has nothing to check on Linux, where Electron does not validate it', async () => {
    expect(
      asarIntegrityProblems({ platform: 'linux', asar: await packedAsar(), stampedIn: '/nowhere' }),
    ).toEqual([]);
  });
});

describe('updates', () => {
  it('are published as a generic https feed, and Windows updates must be signed by the same publisher', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: 'https://tokenkeeper.io/updates' }]);
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    // The macOS zip is what Squirrel.Mac installs from.
    expect(JSON.stringify(config.mac?.target)).toContain('"zip"');
  });
});

describe('release builds in CI', () => {
  it('must be signed: a CI build without a certificate fails, unless marked as a trial', () => {
    const ci = signingStatus({ CI: 'true' });
    expect(ci).toMatchObject({ requireSigning: true, requiredBy: 'CI' });
    expect(signingReport(ci, 'win32').join('\n')).toContain('CI build: a release from CI must be signed');
    expect(signingReport(ci, 'darwin').join('\n')).toContain('a missing certificate fails the build');
    expect(signingStatus({ CI: '1' }).requireSigning).toBe(true);
    expect(signingStatus({ CI: 'true', TOKENKEEPER_ALLOW_UNSIGNED: '1' }).requireSigning).toBe(false);
    expect(signingStatus({ CI: 'false' }).requireSigning).toBe(false);
    // Asking for it outranks the trial switch.
    expect(
      signingStatus({ CI: 'true', TOKENKEEPER_ALLOW_UNSIGNED: '1', TOKENKEEPER_REQUIRE_SIGNING: '1' }),
    ).toMatchObject({
      requireSigning: true,
      requiredBy: 'TOKENKEEPER_REQUIRE_SIGNING',
    });
  });
});
