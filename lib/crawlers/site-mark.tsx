import { IMAGE_FONT_FAMILY } from './generated-images';

/**
 * Kiji's mark, drawn once for every square picture of it: the favicon, the Apple touch icon and the
 * publisher's square logo in structured data (app/icon.svg is its vector twin for browsers).
 */
export function SiteMark({ side, rounded = true }: { side: number; rounded?: boolean }) {
  return (
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#1f2937',
        color: '#ffffff',
        fontFamily: IMAGE_FONT_FAMILY,
        fontSize: Math.round(side * 0.7),
        borderRadius: rounded ? Math.round(side / 6) : 0,
      }}
    >
      記
    </div>
  );
}

/** The square logo's size: Google asks an organisation's logo for at least 112 × 112. */
export const SQUARE_LOGO_SIZE = 512;
