/** JSON columns: parse defensively so a bad value in one row never breaks a whole list. */
export function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const bool = (value: number): boolean => value === 1;
export const int = (value: boolean): number => (value ? 1 : 0);
