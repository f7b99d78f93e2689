/**
 * Reads the pixel sizes stored inside PNG, ICO and ICNS files, so the installer test checks what a
 * file really holds rather than what its name promises. Written from the formats' specs, not with
 * the libraries that wrote the files, so a bug in the writer cannot hide itself.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface Size {
  width: number;
  height: number;
}

export function isPng(bytes: Buffer): boolean {
  return bytes.length >= 24 && bytes.subarray(0, 8).equals(PNG_SIGNATURE);
}

/** Width and height from the IHDR chunk, which a valid PNG must start with. */
export function pngSize(bytes: Buffer): Size {
  if (!isPng(bytes) || bytes.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/**
 * Every image in an ICO: the directory's claimed size and the size of the image data itself
 * (a PNG's IHDR, or a BMP header whose height counts the colour and mask bitmaps together).
 */
export function icoImages(bytes: Buffer): { claimed: Size; actual: Size; format: 'png' | 'bmp' }[] {
  if (bytes.readUInt16LE(0) !== 0 || bytes.readUInt16LE(2) !== 1) throw new Error('not an ICO');
  const count = bytes.readUInt16LE(4);
  const images = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    const claimed = { width: bytes.readUInt8(entry) || 256, height: bytes.readUInt8(entry + 1) || 256 };
    const length = bytes.readUInt32LE(entry + 8);
    const offset = bytes.readUInt32LE(entry + 12);
    if (offset + length > bytes.length) throw new Error(`ICO entry ${i} runs past the end of the file`);
    const data = bytes.subarray(offset, offset + length);
    if (isPng(data)) {
      images.push({ claimed, actual: pngSize(data), format: 'png' as const });
    } else {
      if (data.readUInt32LE(0) !== 40)
        throw new Error(`ICO entry ${i} is neither PNG nor a BITMAPINFOHEADER`);
      images.push({
        claimed,
        actual: { width: data.readInt32LE(4), height: data.readInt32LE(8) / 2 },
        format: 'bmp' as const,
      });
    }
  }
  return images;
}

/** Apple's icns run-length coding (used by the ARGB and RGB types): the decoded length. */
function icnsRleLength(data: Buffer): number {
  let length = 0;
  for (let i = 0; i < data.length;) {
    const n = data.readUInt8(i);
    if (n < 0x80) {
      length += n + 1;
      i += n + 2;
    } else {
      length += n - 125;
      i += 2;
    }
  }
  return length;
}

/** Every entry of an ICNS file, by type, with the side length of the square image it holds. */
export function icnsImages(bytes: Buffer): Map<string, number> {
  if (bytes.toString('latin1', 0, 4) !== 'icns' || bytes.readUInt32BE(4) !== bytes.length)
    throw new Error('not an ICNS');
  const images = new Map<string, number>();
  for (let offset = 8; offset < bytes.length;) {
    const type = bytes.toString('latin1', offset, offset + 4);
    const length = bytes.readUInt32BE(offset + 4);
    if (length < 8 || offset + length > bytes.length) throw new Error(`ICNS entry ${type} has a bad length`);
    const data = bytes.subarray(offset + 8, offset + length);
    if (isPng(data)) {
      const { width, height } = pngSize(data);
      if (width !== height) throw new Error(`ICNS entry ${type} is not square`);
      images.set(type, width);
    } else if (data.toString('latin1', 0, 4) === 'ARGB') {
      images.set(type, Math.sqrt(icnsRleLength(data.subarray(4)) / 4));
    } else {
      images.set(type, Number.NaN);
    }
    offset += length;
  }
  return images;
}
