import sharp from 'sharp';

/**
 * The demo articles' illustrations, drawn here from shapes (no photograph, no download, no text),
 * so that a fresh install shows pages with images. Each is labelled an illustration, and its alt
 * text in prisma/seed/manifest.json describes the shapes drawn for its motif.
 */
export const DEMO_MOTIFS = ['meeting', 'storm', 'bars', 'line', 'globe'] as const;
export type DemoMotif = (typeof DEMO_MOTIFS)[number];

const WIDTH = 1600;
const HEIGHT = 1000;

const MOTIFS: Record<DemoMotif, { colors: [string, string]; shapes: string }> = {
  meeting: {
    colors: ['#1d3557', '#457b9d'],
    shapes: `
      <path d="M0 700 C 300 620 500 780 800 690 S 1300 620 1600 700" stroke="#a8dadc" stroke-width="6" fill="none" opacity="0.6"/>
      <path d="M0 820 C 400 760 700 880 1000 800 S 1400 760 1600 820" stroke="#a8dadc" stroke-width="4" fill="none" opacity="0.4"/>
      <circle cx="560" cy="430" r="210" fill="#f1faee" opacity="0.92"/>
      <circle cx="1040" cy="430" r="210" fill="#e63946" opacity="0.88"/>`,
  },
  storm: {
    colors: ['#22333b', '#5e6472'],
    shapes: `
      <path d="M800 420 m-40 0 a40 40 0 1 1 80 0 a100 100 0 1 1 -200 0 a180 180 0 1 1 360 0 a260 260 0 1 1 -520 0" stroke="#eaf4f4" stroke-width="22" fill="none" opacity="0.85"/>
      <line x1="0" y1="860" x2="1600" y2="860" stroke="#cce3de" stroke-width="10"/>
      <line x1="0" y1="910" x2="1600" y2="910" stroke="#cce3de" stroke-width="10"/>
      ${Array.from({ length: 20 }, (_, i) => `<line x1="${i * 84}" y1="850" x2="${i * 84}" y2="920" stroke="#cce3de" stroke-width="8"/>`).join('')}`,
  },
  bars: {
    colors: ['#264653', '#2a9d8f'],
    shapes: Array.from({ length: 9 }, (_, i) => {
      const height = 180 + ((i * 137) % 520);
      return `<rect x="${180 + i * 140}" y="${880 - height}" width="96" height="${height}" rx="8" fill="${i % 3 === 0 ? '#e9c46a' : '#f4f1de'}" opacity="0.92"/>`;
    }).join(''),
  },
  line: {
    colors: ['#3d405b', '#81b29a'],
    shapes: `
      <polyline points="100,700 300,620 500,660 700,480 900,540 1100,360 1300,420 1500,260" stroke="#f2cc8f" stroke-width="16" fill="none" stroke-linejoin="round"/>
      <circle cx="1180" cy="300" r="150" fill="none" stroke="#f4f1de" stroke-width="14" opacity="0.8"/>`,
  },
  globe: {
    colors: ['#0b3954', '#087e8b'],
    shapes: `
      <circle cx="620" cy="520" r="300" fill="#bfd7ea" opacity="0.9"/>
      <ellipse cx="620" cy="520" rx="120" ry="300" fill="none" stroke="#0b3954" stroke-width="8" opacity="0.6"/>
      <line x1="320" y1="520" x2="920" y2="520" stroke="#0b3954" stroke-width="8" opacity="0.6"/>
      <polyline points="980,820 1140,700 1280,560 1420,360" stroke="#ff5a5f" stroke-width="18" fill="none" stroke-linecap="round"/>`,
  },
};

/** A 1600 × 1000 PNG of the motif, the same bytes every time (so a re-seed reuses the stored image). */
export async function demoIllustration(motif: DemoMotif): Promise<Buffer> {
  const { colors, shapes } = MOTIFS[motif];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colors[0]}"/><stop offset="1" stop-color="${colors[1]}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
