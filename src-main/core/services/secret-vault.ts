/**
 * Holds a freshly minted secret in main between the provider's response and the copy-once
 * dialog. The renderer gets a handle; `reveal` hands the value over exactly once; `copy` writes
 * it to the clipboard from main and clears the clipboard after the configured delay, but only if
 * the clipboard still holds that secret (compared by hash, so the raw value need not be kept for
 * the timer). `discard` wipes it. While any secret is held, the window is excluded from screen
 * capture. On quit and when the OS session ends, a clipboard still holding a copied secret is
 * cleared; if the app dies first, a salted hash left on disk lets the next start clear it.
 *
 * If the window's renderer is lost while a secret is held (it crashed, or was reloaded anyway),
 * the dialog and its copy of the value are gone. `rendererLost` then keeps every held secret for
 * at most 60 more seconds and allows one more reveal of each, so the reopened window can show it
 * once (`recoverable` lists them); after that it is wiped as usual.
 */
import { createHash } from 'node:crypto';
import type { ProviderId } from '../../../src-preload/contract';
import { AppError } from '../errors';
import { newId } from '../ids';
import { registerSecret } from '../log/redact';
import type { ClipboardPort, Clock } from '../ports';
import { memoryClipboardMarker, type ClipboardMarker } from './clipboard-marker';

/** How long a secret stays after the renderer showing it was lost. */
export const RECOVERY_HOLD_MS = 60_000;

interface HeldSecret {
  value: string;
  tokenName: string;
  provider: ProviderId;
  revealed: boolean;
  /** Set when the renderer was lost: one more reveal is allowed, until `deadline`. */
  recoverable: boolean;
  deadline: number;
  expiryTimer: unknown;
  /** Told once the dialog has the secret (the journal stops counting it as at risk). */
  onRevealed: (() => void) | null;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export interface SecretVaultOptions {
  clock: Clock;
  clipboard: ClipboardPort;
  clearDelaySeconds: () => number;
  setContentProtection: (enabled: boolean) => void;
  onClipboardCleared: () => void;
  /** A secret nobody closed the dialog for is dropped after this long. */
  maxHoldMs?: number;
  /** Where a copy is remembered across a crash (by salted hash); in memory when not given. */
  marker?: ClipboardMarker;
}

export interface RecoverableSecret {
  secretId: string;
  tokenName: string;
  provider: ProviderId;
  /** When the vault wipes it. */
  expiresAt: number;
}

export class SecretVault {
  private readonly held = new Map<string, HeldSecret>();
  /** Hashes of secrets we put on the clipboard, with their clear timers. */
  private readonly copied = new Map<string, unknown>();
  private readonly marker: ClipboardMarker;

  constructor(private readonly options: SecretVaultOptions) {
    this.marker = options.marker ?? memoryClipboardMarker();
  }

  put(value: string, meta: { tokenName: string; provider: ProviderId; onRevealed?: () => void }): string {
    // A provider that quotes a new secret back in a later error must not get it into a message or the journal.
    registerSecret(value);
    const id = newId('sec');
    const holdMs = this.options.maxHoldMs ?? 30 * 60_000;
    const expiryTimer = this.options.clock.setTimeout(() => this.discard(id), holdMs);
    this.held.set(id, {
      value,
      tokenName: meta.tokenName,
      provider: meta.provider,
      revealed: false,
      recoverable: false,
      deadline: this.options.clock.now() + holdMs,
      expiryTimer,
      onRevealed: meta.onRevealed ?? null,
    });
    this.options.setContentProtection(true);
    return id;
  }

  private get(secretId: string): HeldSecret {
    const secret = this.held.get(secretId);
    if (secret === undefined) {
      throw new AppError(
        'not_found',
        'This secret is no longer available. It is shown only once; if you did not save it, rotate the token again.',
      );
    }
    return secret;
  }

  reveal(secretId: string): { value: string; tokenName: string; provider: ProviderId } {
    const secret = this.get(secretId);
    if (secret.revealed) {
      throw new AppError('conflict', 'This secret was already shown once and cannot be shown again.');
    }
    secret.revealed = true;
    secret.recoverable = false;
    secret.onRevealed?.();
    secret.onRevealed = null;
    return { value: secret.value, tokenName: secret.tokenName, provider: secret.provider };
  }

  /**
   * Hands a secret to main itself instead of the window (a rotation that delivers it to its
   * targets): it leaves the vault at once, as if revealed, and is never shown.
   */
  take(secretId: string): string {
    const { value } = this.reveal(secretId);
    this.discard(secretId);
    return value;
  }

  /**
   * The window showing (or about to show) the held secrets is gone. Each may be revealed once
   * more, within RECOVERY_HOLD_MS (never later than it would have been dropped anyway).
   */
  rendererLost(): void {
    const deadline = this.options.clock.now() + RECOVERY_HOLD_MS;
    for (const [id, secret] of this.held) {
      secret.revealed = false;
      secret.recoverable = true;
      if (secret.deadline <= deadline) continue;
      this.options.clock.clearTimeout(secret.expiryTimer);
      secret.deadline = deadline;
      secret.expiryTimer = this.options.clock.setTimeout(() => this.discard(id), RECOVERY_HOLD_MS);
    }
  }

  /** The secrets a reopened window should show (once each), oldest first. */
  recoverable(): RecoverableSecret[] {
    return [...this.held]
      .filter(([, secret]) => secret.recoverable && !secret.revealed)
      .map(([secretId, secret]) => ({
        secretId,
        tokenName: secret.tokenName,
        provider: secret.provider,
        expiresAt: secret.deadline,
      }));
  }

  async copy(secretId: string): Promise<{ clearsAt: number }> {
    const secret = this.get(secretId);
    // Remembered before the write: a crash between the two leaves a mark that matches nothing.
    this.marker.remember(secret.value);
    await this.options.clipboard.writeSecret(secret.value);
    const hash = sha256(secret.value);
    const delayMs = this.options.clearDelaySeconds() * 1000;
    const previous = this.copied.get(hash);
    if (previous !== undefined) this.options.clock.clearTimeout(previous);
    this.copied.set(
      hash,
      this.options.clock.setTimeout(() => void this.clearIfStillHeld(hash), delayMs),
    );
    return { clearsAt: this.options.clock.now() + delayMs };
  }

  private async clearIfStillHeld(hash: string): Promise<void> {
    this.copied.delete(hash);
    const current = sha256(await this.options.clipboard.readText());
    if (current === hash) {
      this.options.clipboard.clear();
      this.options.onClipboardCleared();
    }
    // Whatever the clipboard holds now is no secret of ours, unless a later copy is still timed.
    if (this.copied.size === 0) this.marker.forget();
  }

  /**
   * At start: an earlier run died while a secret it copied was on the clipboard. Clears the
   * clipboard if it still holds that secret (compared with the salted hash left on disk).
   * Returns whether it cleared it.
   */
  async clearLeftoverClipboard(): Promise<boolean> {
    if (!this.marker.pending()) return false;
    const held = this.marker.matches(await this.options.clipboard.readText());
    if (held) this.options.clipboard.clear();
    this.marker.forget();
    return held;
  }

  discard(secretId: string): void {
    const secret = this.held.get(secretId);
    if (secret === undefined) return;
    this.options.clock.clearTimeout(secret.expiryTimer);
    secret.value = '';
    this.held.delete(secretId);
    if (this.held.size === 0) this.options.setContentProtection(false);
  }

  /** Number of secrets currently held (tests and diagnostics; never the values). */
  get size(): number {
    return this.held.size;
  }

  /** Whether a copied secret may still be on the clipboard (quit must then check and clear it). */
  get hasPendingClipboard(): boolean {
    return this.copied.size > 0;
  }

  /**
   * On quit and when the OS session ends (Windows logoff or shutdown): wipe everything, and
   * clear the clipboard if it still holds a secret we copied.
   */
  async shutdown(): Promise<void> {
    for (const id of [...this.held.keys()]) this.discard(id);
    if (this.copied.size === 0) return;
    const current = sha256(await this.options.clipboard.readText());
    for (const [hash, timer] of this.copied) {
      this.options.clock.clearTimeout(timer);
      if (hash === current) this.options.clipboard.clear();
    }
    this.copied.clear();
    this.marker.forget();
  }
}
