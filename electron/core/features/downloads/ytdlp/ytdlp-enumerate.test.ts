import { describe, expect, it } from 'vitest';
import { toEnumerated } from './ytdlp-enumerate';

describe('reading -J --flat-playlist', () => {
  it('keeps a playlist’s items in order, with the ids the RSS reader smuggles into their addresses', () => {
    const json = JSON.stringify({
      _type: 'playlist',
      id: 'http://127.0.0.1:1/playlists/channel.rss',
      title: 'Channel',
      entries: [
        { _type: 'url_transparent', url: 'http://127.0.0.1:1/videos/b.mp4#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22b%22%7D', title: 'B' },
        { _type: 'url', url: 'https://www.youtube.com/watch?v=abc', id: 'abc', title: null },
        null,
        { _type: 'url', url: 'file:///etc/passwd', title: 'sneaky' },
        { _type: 'url', url: '--exec=x', title: 'sneaky' },
      ],
    });
    expect(toEnumerated(json, 'http://127.0.0.1:1/playlists/channel.rss')).toEqual({
      enumerated: {
        kind: 'playlist',
        id: 'http://127.0.0.1:1/playlists/channel.rss',
        title: 'Channel',
        channel: null,
        uploadDate: null,
        items: [
          { url: 'http://127.0.0.1:1/videos/b.mp4#__youtubedl_smuggle=%7B%22force_videoid%22%3A+%22b%22%7D', title: 'B', id: 'b' },
          { url: 'https://www.youtube.com/watch?v=abc', title: 'abc', id: 'abc' },
        ],
      },
      dropped: 3,
    });
  });

  it('makes a single video one item, with its channel', () => {
    const json = JSON.stringify({ _type: 'video', id: 'x1', title: 'Clip', uploader: 'Chan', upload_date: '20261101', webpage_url: 'https://videos.example/x1' });
    expect(toEnumerated(json, 'https://videos.example/x1?ref=share').enumerated).toEqual({
      kind: 'video',
      id: 'x1',
      title: 'Clip',
      channel: 'Chan',
      uploadDate: '20261101',
      items: [{ url: 'https://videos.example/x1', title: 'Clip', id: 'x1' }],
    });
  });

  it('refuses what is not JSON or not the expected shape', () => {
    expect(() => toEnumerated('nope', 'https://x.example')).toThrow(/not JSON/);
    expect(() => toEnumerated('{"title": 5}', 'https://x.example')).toThrow(/expected shape/);
  });
});
