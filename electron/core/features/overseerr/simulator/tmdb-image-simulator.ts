/**
 * TMDB's image server, simulated for the demo and tests: `/t/p/<size>/<file>`
 * answers a PNG poster for any file name, as TMDB does for its posters. A
 * switch makes it answer what a hostile or broken image host might (an SVG,
 * an HTML page) so the core's checks can be seen to hold.
 */
import { requestPath, sendBody } from '../../../hosting/simulator-replies';
import { startSimulator, type Simulator, type SimulatorControl, type SimulatorHosting } from '../../../hosting/simulator-server';
import { colourOf, posterPng } from './sim-png';

export type TmdbImageAnswer = 'png' | 'svg' | 'html';

export type TmdbImageSimulator = Simulator<SimulatorControl & { setAnswer(answer: TmdbImageAnswer): void }>;

const SIZES: Readonly<Record<string, number>> = { w92: 92, w154: 154, w185: 185, w342: 342, w500: 500, w780: 780, original: 500 };

export function createTmdbImageSimulator(hosting: SimulatorHosting = {}): Promise<TmdbImageSimulator> {
  let answer: TmdbImageAnswer = 'png';
  const cache = new Map<string, Buffer>();
  return startSimulator(
    (req, res) => {
      const match = /^\/t\/p\/([a-z0-9_]+)\/([A-Za-z0-9_-]+\.(?:jpg|jpeg|png|webp))$/.exec(requestPath(req));
      const width = match ? SIZES[match[1]!] : undefined;
      if (!match || !width) return sendBody(res, 404, 'text/plain', 'Not found');
      if (answer === 'svg') return sendBody(res, 200, 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      if (answer === 'html') return sendBody(res, 200, 'text/html', '<html><body>Not an image</body></html>');
      const key = `${width}/${match[2]}`;
      let png = cache.get(key);
      if (!png) cache.set(key, (png = posterPng(Math.round(width / 4), Math.round((width * 1.5) / 4), colourOf(match[2]!))));
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'public, max-age=31536000' });
      res.end(png);
    },
    { ...hosting, name: hosting.name ?? 'tmdb-image-simulator' },
    {
      setAnswer(next: TmdbImageAnswer) {
        answer = next;
      },
    },
  );
}
