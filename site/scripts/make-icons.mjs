// Writes the PWA icons as real PNGs with zero dependencies (zlib only), so the
// build never needs an image toolchain. Run once: `node site/scripts/make-icons.mjs`.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

const BG = [0x4f, 0x46, 0xe5]; // indigo-600, matches theme/background in astro.config.mjs
const FG = [0xff, 0xff, 0xff];
// Play glyph kept well inside the central 80% circle so the icon is also valid as "maskable".
const TRI = [
  [0.36, 0.25],
  [0.36, 0.75],
  [0.79, 0.5],
];
const SS = 4; // 4x4 supersampling for anti-aliased edges

const edge = ([ax, ay], [bx, by], x, y) => (bx - ax) * (y - ay) - (by - ay) * (x - ax);
const inside = (x, y) => {
  const [a, b, c] = TRI;
  const e = [edge(a, b, x, y), edge(b, c, x, y), edge(c, a, x, y)];
  return e.every((v) => v >= 0) || e.every((v) => v <= 0);
};

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 3 + 1)); // RGB rows, each prefixed with filter byte 0
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let i = 0; i < SS * SS; i++) {
        hits += inside((x + ((i % SS) + 0.5) / SS) / size, (y + (Math.floor(i / SS) + 0.5) / SS) / size);
      }
      const t = hits / (SS * SS);
      const o = y * (size * 3 + 1) + 1 + x * 3;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(BG[c] + (FG[c] - BG[c]) * t);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of [192, 512]) {
  writeFileSync(new URL(`../public/icon-${size}.png`, import.meta.url), png(size));
}
