/**
 * A token's delivery targets: the kinds offered (for the renderer's generic form), and the
 * ordered list of targets each token has, each config checked by its kind's `parse` before it
 * is stored. A config is what the form holds (a path, a key, arguments), never a secret.
 */
import type {
  DeliveryTarget,
  DeliveryTargetConfig,
  DeliveryTargetInput,
  DeliveryTargetKindInfo,
} from '../../../../src-preload/contract';
import path from 'node:path';
import type { CoreContext } from '../../context';
import type { DeliveryTargetRecord } from '../../db/repositories/delivery';
import { AppError, invalidInput, notFound } from '../../errors';
import { newId } from '../../ids';
import type { DeliveryTargetKind } from './target-kind';

export class DeliveryTargets {
  /**
   * Paths the user picked in main's own dialog this session. A target's path field must be one
   * of them (or what the target already had): the window alone cannot point a rotation at a file
   * or a program the user never chose.
   */
  private readonly chosen = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    readonly kinds: readonly DeliveryTargetKind[],
  ) {}

  kind(id: string): DeliveryTargetKind | undefined {
    return this.kinds.find((k) => k.id === id);
  }

  kindsInfo(): DeliveryTargetKindInfo[] {
    return this.kinds.map((k) => ({
      id: k.id,
      label: k.label,
      needsConnection: k.needsConnection,
      fields: k.fields.map(({ choices, ...f }) => ({
        ...f,
        ...(choices === undefined ? {} : { choices: choices.map((c) => ({ ...c })) }),
      })),
    }));
  }

  /** A path the user picked in the native dialog (chooseDeliveryPath). */
  rememberChosen(file: string): void {
    this.chosen.add(path.normalize(file));
  }

  records(tokenId: string): DeliveryTargetRecord[] {
    return this.ctx.repos.delivery.targets(tokenId);
  }

  list(tokenId: string): DeliveryTarget[] {
    return this.records(tokenId).map((r) => this.view(r));
  }

  describe(record: DeliveryTargetRecord): string {
    const kind = this.kind(record.kind);
    if (kind === undefined) return `A target of a kind this version does not know (${record.kind})`;
    try {
      return kind.describe(kind.parse(record.config));
    } catch {
      return `${kind.label} (its settings need attention)`;
    }
  }

  set(tokenId: string, inputs: readonly DeliveryTargetInput[]): DeliveryTarget[] {
    const token = this.ctx.repos.tokens.get(tokenId);
    if (token === null) throw notFound('The token');
    const existing = new Map(this.records(tokenId).map((r) => [r.id, r]));
    const now = this.ctx.now();
    const records = inputs.map((input, index): DeliveryTargetRecord => {
      const kind = this.kind(input.kind);
      if (kind === undefined)
        throw invalidInput(`Target ${index + 1}: Tokenkeeper does not know this kind of target.`);
      let config: Record<string, unknown>;
      try {
        config = kind.parse(input.config);
      } catch (error) {
        if (error instanceof AppError)
          throw invalidInput(`Target ${index + 1}: ${error.message}`, error.field);
        throw error;
      }
      const kept = input.id === undefined ? undefined : existing.get(input.id);
      for (const field of kind.fields.filter((f) => f.type === 'path')) {
        const value = config[field.key];
        if (typeof value !== 'string' || this.chosen.has(path.normalize(value))) continue;
        if (kept !== undefined && kind.id === kept.kind && kept.config[field.key] === value) continue;
        throw invalidInput(
          `Target ${index + 1}: choose the ${field.label.toLowerCase()} with Choose…`,
          field.key,
        );
      }
      return {
        id: kept?.id ?? newId('dt'),
        tokenId,
        position: index,
        kind: kind.id,
        config,
        label: input.label === undefined || input.label === null || input.label === '' ? null : input.label,
        createdAt: kept?.createdAt ?? now,
      };
    });
    this.ctx.db.transaction(() => {
      this.ctx.repos.delivery.replaceTargets(tokenId, records);
      this.ctx.audit({
        action: 'token.delivery_targets',
        outcome: 'info',
        connectionId: token.connectionId,
        tokenId,
        detail:
          records.length === 0
            ? `No delivery targets for “${token.name}” any more`
            : `Delivery targets of “${token.name}”: ${records.map((r) => this.describe(r)).join('; ')}`,
      });
    })();
    return this.list(tokenId);
  }

  private view(record: DeliveryTargetRecord): DeliveryTarget {
    return {
      id: record.id,
      kind: record.kind,
      kindLabel: this.kind(record.kind)?.label ?? record.kind,
      description: this.describe(record),
      label: record.label,
      config: record.config as DeliveryTargetConfig,
    };
  }
}
