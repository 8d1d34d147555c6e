/**
 * An ICO file holding PNG images, the form every browser since Internet Explorer 7 and Windows
 * Vista reads: a 6-byte header, one 16-byte directory entry per image, then the PNGs as they are.
 * Pure, so that /favicon.ico is a real icon file made from Kiji's own drawing, with nothing fetched.
 */
export type IcoImage = { width: number; height: number; png: Uint8Array };

export function icoFromPngs(images: IcoImage[]): Uint8Array {
  if (images.length === 0) throw new Error('an icon needs at least one image');
  const headerSize = 6 + 16 * images.length;
  const size = headerSize + images.reduce((sum, image) => sum + image.png.length, 0);
  const ico = new Uint8Array(size);
  const view = new DataView(ico.buffer);
  view.setUint16(0, 0, true); // reserved
  view.setUint16(2, 1, true); // type 1: icon
  view.setUint16(4, images.length, true);
  let offset = headerSize;
  images.forEach((image, index) => {
    if (image.width < 1 || image.width > 256 || image.height < 1 || image.height > 256) {
      throw new Error(`an icon image is 1 to 256 pixels a side, not ${image.width}×${image.height}`);
    }
    const entry = 6 + 16 * index;
    view.setUint8(entry, image.width % 256); // 0 means 256
    view.setUint8(entry + 1, image.height % 256);
    view.setUint8(entry + 2, 0); // no palette
    view.setUint8(entry + 3, 0); // reserved
    view.setUint16(entry + 4, 1, true); // colour planes
    view.setUint16(entry + 6, 32, true); // bits per pixel
    view.setUint32(entry + 8, image.png.length, true);
    view.setUint32(entry + 12, offset, true);
    ico.set(image.png, offset);
    offset += image.png.length;
  });
  return ico;
}

/** The directory of an ICO file: each image's size and where its bytes are (for tests and checks). */
export function icoEntries(ico: Uint8Array): { width: number; height: number; bytes: Uint8Array }[] {
  const view = new DataView(ico.buffer, ico.byteOffset, ico.byteLength);
  if (view.getUint16(0, true) !== 0 || view.getUint16(2, true) !== 1) throw new Error('not an icon file');
  return Array.from({ length: view.getUint16(4, true) }, (_, index) => {
    const entry = 6 + 16 * index;
    const length = view.getUint32(entry + 8, true);
    const offset = view.getUint32(entry + 12, true);
    return {
      width: view.getUint8(entry) || 256,
      height: view.getUint8(entry + 1) || 256,
      bytes: ico.subarray(offset, offset + length),
    };
  });
}
