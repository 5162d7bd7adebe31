#!/usr/bin/env node
// Draws the extension's icons (icons/icon{16,32,48,128}.png): a blue disc
// with a white "sign in again" arrow (a ring open at the top, with an
// arrowhead at one end).
// Node's zlib is the only dependency: PNG = signature + IHDR + IDAT + IEND.
// Run: node extension/tools/make-icons.js
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 48, 128];
const BLUE = [21, 101, 192];
const WHITE = [255, 255, 255];
const SAMPLES = 4; // supersampling per axis, for smooth edges

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

// What covers point (x, y) of the unit square [-1, 1]²: null, BLUE or WHITE.
function shade(x, y) {
  const r = Math.hypot(x, y);
  if (r > 0.98) return null;
  // A ring open at the top (screen y grows downwards, so -90° is up).
  const angle = Math.atan2(y, x);
  const onRing = r > 0.45 && r < 0.65;
  const inGap = angle > -Math.PI * 0.75 && angle < -Math.PI / 4;
  if (onRing && !inGap) return WHITE;
  // Arrowhead at the arc's open end (top right), pointing clockwise.
  const ax = x - 0.55 * Math.cos(-Math.PI / 4);
  const ay = y - 0.55 * Math.sin(-Math.PI / 4);
  const u = ax * Math.cos(Math.PI / 4) - ay * Math.sin(Math.PI / 4);
  const v = ax * Math.sin(Math.PI / 4) + ay * Math.cos(Math.PI / 4);
  if (v > -0.02 && v < 0.3 && Math.abs(u) < (0.3 - v) * 0.95) return WHITE;
  return BLUE;
}

function draw(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy += 1) {
        for (let sx = 0; sx < SAMPLES; sx += 1) {
          const x = ((px + (sx + 0.5) / SAMPLES) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / SAMPLES) / size) * 2 - 1;
          const color = shade(x, y);
          if (!color) continue;
          r += color[0];
          g += color[1];
          b += color[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / (SAMPLES * SAMPLES));
    }
  }
  return png(size, rgba);
}

const iconsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "icons");
for (const size of SIZES) writeFileSync(join(iconsDir, `icon${size}.png`), draw(size));
console.log(`wrote ${SIZES.map((s) => `icon${s}.png`).join(", ")} to ${iconsDir}`);
