/**
 * Generates every app and tray icon from the one source image, `resources/icon.svg`.
 * Run with `npm run icons`; the outputs are committed (installers and the tray read them).
 *
 * Each size is rasterised from the vector by resvg rather than downscaled from one bitmap, so the
 * small tray and taskbar sizes stay crisp. The tray variants are derived from the source's
 * parts by id (`#bg` gradient, `#tile` background, `#key` glyph): the colour tray icon is the tile
 * and key cropped to the tile's edge, the macOS template is the key alone in black (the menu bar
 * tints it by its alpha), and the attention state adds a badge in the top-right corner.
 *
 * `test/unit/build/installer-config.test.ts` re-runs `renderIcons` and checks that the committed
 * files are exactly what the current source produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Icns, IcnsImage } from '@fiahfy/icns';
import { Resvg } from '@resvg/resvg-js';
import { imagesToIco } from 'png-to-ico';
import { PNG } from 'pngjs';
import {
  APP_ICNS_TYPES,
  APP_ICO_SIZES,
  APP_PNG_SIZES,
  OUTPUTS,
  SOURCE_SVG,
  appPngFile,
  type IcnsType,
} from './icon-spec';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The badge colour: a warm orange reads as "needs attention" on both the tile and any panel. */
const BADGE_FILL = '#f97316';

interface SourceParts {
  defs: string;
  tile: string;
  key: string;
}

function findElement(svg: string, tag: string, id: string): string {
  const pattern = new RegExp(`<${tag}\\b[^>]*\\bid="${id}"[^>]*?(?:/>|>[\\s\\S]*?</${tag}>)`);
  const match = pattern.exec(svg);
  if (match === null)
    throw new Error(`${SOURCE_SVG} has no <${tag} id="${id}">: the tray icons are derived from it.`);
  return match[0];
}

function sourceParts(svg: string): SourceParts {
  return {
    defs: `<defs>${findElement(svg, 'linearGradient', 'bg')}</defs>`,
    tile: findElement(svg, 'rect', 'tile'),
    key: findElement(svg, 'g', 'key'),
  };
}

const svgDoc = (viewBox: string, body: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${viewBox}">${body}</svg>`;

/** Tile and key, cropped to the tile so the glyph is as large as a tray slot allows. */
function colourTraySvg(parts: SourceParts, attention: boolean): string {
  const badge = attention
    ? `<circle cx="408" cy="104" r="80" fill="${BADGE_FILL}" stroke="#fff" stroke-width="28"/>`
    : '';
  return svgDoc('16 16 480 480', `${parts.defs}${parts.tile}${parts.key}${badge}`);
}

/** A square around the key's strokes (x 70..442, y 90..422) with a little air. */
const TEMPLATE_VIEWBOX = '64 64 384 384';

/**
 * The key alone, black on transparent (a macOS template image carries only alpha). The badge is a
 * solid dot cut free of the key by a transparent ring, so it reads as separate at 16 px.
 */
function templateTraySvg(parts: SourceParts, attention: boolean): string {
  const key = parts.key.replace(/stroke="[^"]*"/, 'stroke="#000"');
  if (!attention) return svgDoc(TEMPLATE_VIEWBOX, key);
  const cx = 384;
  const cy = 128;
  const mask = `<mask id="cut"><rect x="0" y="0" width="512" height="512" fill="#fff"/><circle cx="${cx}" cy="${cy}" r="84" fill="#000"/></mask>`;
  return svgDoc(
    TEMPLATE_VIEWBOX,
    `<defs>${mask}</defs><g mask="url(#cut)">${key}</g><circle cx="${cx}" cy="${cy}" r="60" fill="#000"/>`,
  );
}

function rasterise(svg: string, size: number): Buffer {
  const resvg = new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } });
  const image = resvg.render();
  if (image.width !== size || image.height !== size)
    throw new Error(`Rendered ${image.width}x${image.height}, expected ${size}x${size}.`);
  return image.asPng();
}

function ico(svg: string, sizes: readonly number[]): Buffer {
  return imagesToIco(sizes.map((size) => PNG.sync.read(rasterise(svg, size))));
}

function icns(svg: string): Buffer {
  const file = new Icns();
  for (const [osType, size] of Object.entries(APP_ICNS_TYPES)) {
    file.append(IcnsImage.fromPNG(rasterise(svg, size), osType as IcnsType));
  }
  return file.data;
}

/** Renders every output from the source SVG text; returns repository-relative path → bytes. */
export function renderIcons(sourceSvg: string): Map<string, Buffer> {
  const parts = sourceParts(sourceSvg);
  const out = new Map<string, Buffer>();
  for (const size of APP_PNG_SIZES) out.set(appPngFile(size), rasterise(sourceSvg, size));
  out.set(OUTPUTS.appIco.file, ico(sourceSvg, APP_ICO_SIZES));
  out.set(OUTPUTS.appIcns.file, icns(sourceSvg));

  const variant = (file: string) => file.includes('ttention');
  for (const [file, size] of Object.entries(OUTPUTS.tray.linux))
    out.set(file, rasterise(colourTraySvg(parts, variant(file)), size));
  for (const [file, size] of Object.entries(OUTPUTS.tray.macTemplate))
    out.set(file, rasterise(templateTraySvg(parts, variant(file)), size));
  for (const [file, sizes] of Object.entries(OUTPUTS.tray.windows))
    out.set(file, ico(colourTraySvg(parts, variant(file)), sizes));
  return out;
}

function main(): void {
  const sourceSvg = fs.readFileSync(path.join(ROOT, SOURCE_SVG), 'utf8');
  const outputs = renderIcons(sourceSvg);
  for (const [file, bytes] of outputs) {
    const target = path.join(ROOT, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, bytes);
  }
  console.log(`Wrote ${outputs.size} icon files from ${SOURCE_SVG}.`);
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
