// A photo on the device: decoded, scaled to at most 1600 px on its longest side, re-encoded as JPEG (quality 0.8)
// through a canvas, and hashed (SHA-256) at capture, before anything leaves the phone. Phones give 12-megapixel
// files of several MB that proxies and some browsers cut off (FIELD-CAPTURE.md); the server checks the hash again.
// EXIF is not kept (canvas drops it, and WeChat strips it anyway): capture time and position are recorded beside
// the photo instead.
import { sha256Hex } from './sha256.js';

export const MAX_SIDE = 1600;
export const QUALITY = 0.8;

async function decode(file) {
  if (window.createImageBitmap) {
    try {
      // 'from-image' applies the file's EXIF orientation before it is dropped
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch (e) { /* some formats decode only through <img> */ }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** The hex SHA-256 of a blob: Web Crypto where the page is a secure context, else js/sha256.js. */
export async function hashBlob(blob) {
  const bytes = await blob.arrayBuffer();
  if (window.crypto && crypto.subtle) {
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  return sha256Hex(bytes);
}

/** {blob, sha256, width, height, originalBytes}: the scaled JPEG ready for the outbox. */
export async function preparePhoto(file) {
  const image = await decode(file);
  const w0 = image.width || image.naturalWidth;
  const h0 = image.height || image.naturalHeight;
  const scale = Math.min(1, MAX_SIDE / Math.max(w0, h0));
  const width = Math.max(1, Math.round(w0 * scale));
  const height = Math.max(1, Math.round(h0 * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d');
  g.drawImage(image, 0, 0, width, height);
  if (image.close) image.close();
  const blob = await new Promise((resolve, reject) => canvas.toBlob(
    (b) => (b ? resolve(b) : reject(new Error('toBlob'))), 'image/jpeg', QUALITY));
  return { blob, sha256: await hashBlob(blob), width, height, originalBytes: file.size };
}

let lastPosition = null;
/**
 * The phone's position now, or the last one known, or null: never waits more than a few seconds and never blocks
 * the capture when the rater refuses (WGS-84, the Geolocation API's system).
 */
export function currentPosition(timeoutMs = 4000) {
  if (!navigator.geolocation) return Promise.resolve(lastPosition);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(lastPosition), timeoutMs + 500);
    navigator.geolocation.getCurrentPosition((p) => {
      clearTimeout(timer);
      lastPosition = { latitude: p.coords.latitude, longitude: p.coords.longitude, accuracyMeters: p.coords.accuracy,
        coordinateSystem: 'WGS84' };
      resolve(lastPosition);
    }, () => { clearTimeout(timer); resolve(lastPosition); },
    { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60000 });
  });
}
