import { describe, expect, it } from 'vitest';
import { cropSize, largestJpeg, pictureSources, renditionWidths } from './renditions';

describe('an image’s renditions', () => {
  it('are the standard widths below the original, never enlarged, topped by the original or 1600 px', () => {
    expect(renditionWidths(4000)).toEqual([480, 800, 1200, 1600]);
    expect(renditionWidths(1600)).toEqual([480, 800, 1200, 1600]);
    expect(renditionWidths(1000)).toEqual([480, 800, 1000]);
    expect(renditionWidths(300)).toEqual([300]);
  });

  it('give a <picture> AVIF then WebP sources and a JPEG fallback, all at the same widths, with the real size', () => {
    const picture = pictureSources(7, { width: 1000, height: 750 });
    expect(picture.sources).toEqual([
      {
        type: 'image/avif',
        srcSet: '/media/images/7/480.avif 480w, /media/images/7/800.avif 800w, /media/images/7/1000.avif 1000w',
      },
      {
        type: 'image/webp',
        srcSet: '/media/images/7/480.webp 480w, /media/images/7/800.webp 800w, /media/images/7/1000.webp 1000w',
      },
    ]);
    expect(picture.srcSet).toBe(
      '/media/images/7/480.jpg 480w, /media/images/7/800.jpg 800w, /media/images/7/1000.jpg 1000w',
    );
    expect(picture).toMatchObject({ src: '/media/images/7/800.jpg', width: 1000, height: 750 });
  });

  it('name the largest JPEG for feeds, with its scaled height', () => {
    expect(largestJpeg(3, { width: 3000, height: 2000 })).toEqual({
      url: '/media/images/3/1600.jpg',
      width: 1600,
      height: 1067,
    });
  });

  it('cut the three shapes search engines ask for at 1200 px wide', () => {
    expect([cropSize('16x9'), cropSize('4x3'), cropSize('1x1')]).toEqual([
      { width: 1200, height: 675 },
      { width: 1200, height: 900 },
      { width: 1200, height: 1200 },
    ]);
  });
});
