import { afterEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../../src-main/core/ids';

afterEach(() => {
  vi.restoreAllMocks();
});

const increasing = (ids: string[]) => ids.every((id, i) => i === 0 || id > (ids[i - 1] ?? ''));

describe('newId', () => {
  it('row ids are 16 hex digits after the prefix, unique and in creation order, many per ms', () => {
    const ids = Array.from({ length: 100_000 }, () => newId('t'));
    expect(ids.every((id) => /^t_[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(increasing(ids)).toBe(true);
  });

  it('keep counting up when the clock goes back, and past half a million ids in one ms', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1));
    const before = Array.from({ length: 10 }, () => newId('op'));
    now.mockReturnValue(Date.UTC(2029, 0, 1)); // set back a year
    const after = Array.from({ length: 600_000 }, () => newId('op'));
    const all = [...before, ...after];
    expect(new Set(all).size).toBe(all.length);
    expect(increasing(all)).toBe(true);
  });

  it('handles are random: nothing about them follows from the previous one', () => {
    const ids = Array.from({ length: 1_000 }, () => newId('sec'));
    expect(ids.every((id) => /^sec_[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(increasing(ids)).toBe(false);
  });
});
