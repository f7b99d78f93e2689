/**
 * A Cloudflare token's conditions as the create form gives them: an IP allow list becomes the
 * `request.ip` condition's `in` list of CIDR ranges [CVA]; a bare address is its own range
 * (/32 or /128), as Cloudflare writes ranges only.
 */
import { isIP } from 'node:net';
import { invalidInput } from '../../errors';

/** The CIDR range an entry stands for, or null where it is neither an address nor a range. */
export function cidrOf(entry: string): string | null {
  const [address = '', prefix, extra] = entry.trim().split('/');
  if (extra !== undefined) return null;
  const family = isIP(address);
  if (family === 0) return null;
  const max = family === 4 ? 32 : 128;
  if (prefix === undefined) return `${address}/${max}`;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) return null;
  return `${address}/${Number(prefix)}`;
}

/** The allow list as CIDR ranges, refused with the first bad entry named. */
export function allowListOf(entries: string[], max: number): string[] {
  const list = entries.map((e) => e.trim()).filter((e) => e !== '');
  if (list.length === 0)
    throw invalidInput('Enter at least one IP address or range, or leave the list empty.', 'allowedIps');
  if (list.length > max) throw invalidInput(`Cloudflare takes at most ${max} addresses here.`, 'allowedIps');
  return list.map((entry) => {
    const cidr = cidrOf(entry);
    if (cidr === null)
      throw invalidInput(
        `“${entry}” is not an IP address or CIDR range (e.g. 203.0.113.7 or 203.0.113.0/24).`,
        'allowedIps',
      );
    return cidr;
  });
}
