import { describe, expect, it } from 'vitest';
import { createLineSplitter, DOWNLOAD_PROGRESS_TEMPLATE, parseOutputLine } from './ytdlp-lines';

// What yt-dlp prints for DOWNLOAD_PROGRESS_TEMPLATE, field by field.
const progressLine = (...fields: string[]) => `${DOWNLOAD_PROGRESS_TEMPLATE.replace(/^download:/, '').split(' ')[0]} ${fields.join(' ')}`;

describe('yt-dlp output lines', () => {
  it('reads a known-size progress line with a float speed', () => {
    expect(parseOutputLine(progressLine('downloading', '130048', '277814', 'NA', '204534.44', '0', 'NA', 'NA'))).toEqual([
      {
        kind: 'progress',
        progress: {
          downloadedBytes: 130048,
          totalBytes: 277814,
          estimated: false,
          percent: (130048 / 277814) * 100,
          speed: 204534.44,
          eta: 0,
          phase: 'downloading',
          fragmentIndex: null,
          fragmentCount: null,
        },
      },
    ]);
  });

  it('takes the estimate when there is no total, and fragments of HLS', () => {
    const [line] = parseOutputLine(progressLine('downloading', '1024', 'NA', '20480.5', 'NA', 'NA', '1', '4'));
    expect(line).toMatchObject({ kind: 'progress', progress: { totalBytes: 20481, estimated: true, percent: (1024 / 20481) * 100, speed: null, eta: null, fragmentIndex: 1, fragmentCount: 4 } });
  });

  it('has no percent when the size is unknown, and 100 when finished', () => {
    expect(parseOutputLine(progressLine('downloading', '5000', 'NA', 'NA', 'NA', 'NA', 'NA', 'NA'))[0]).toMatchObject({ progress: { totalBytes: null, percent: null, estimated: false } });
    expect(parseOutputLine(progressLine('finished', '277814', '277814', 'NA', 'NA', 'NA', 'NA', 'NA'))[0]).toMatchObject({ progress: { phase: 'finished', percent: 100 } });
  });

  it('reads the final path and the info, whatever the name holds', () => {
    expect(parseOutputLine('MN-FILE "/media/Ch/Caf\\u00e9 \\"live\\" [x].mp4"')).toEqual([{ kind: 'file', path: '/media/Ch/Café "live" [x].mp4' }]);
    expect(parseOutputLine('MN-INFO {"id": "first", "title": "First", "uploader": "Chan", "upload_date": "20261101", "ext": "mp4"}')).toEqual([
      { kind: 'info', info: { id: 'first', title: 'First', channel: 'Chan', uploadDate: '20261101', ext: 'mp4' } },
    ]);
  });

  it("splits 2023.03.04's postprocess records that run together without newlines", () => {
    expect(parseOutputLine('MN-PP started ExtractAudio;MN-PP finished ExtractAudio;MN-PP started MoveFiles;MN-PP finished MoveFiles;MN-FILE "/m/a.m4a"')).toEqual([
      { kind: 'postprocess', status: 'started', postprocessor: 'ExtractAudio' },
      { kind: 'postprocess', status: 'finished', postprocessor: 'ExtractAudio' },
      { kind: 'postprocess', status: 'started', postprocessor: 'MoveFiles' },
      { kind: 'postprocess', status: 'finished', postprocessor: 'MoveFiles' },
      { kind: 'file', path: '/m/a.m4a' },
    ]);
    expect(parseOutputLine('MN-PP finished MoveFiles;ERROR: something')).toEqual([
      { kind: 'postprocess', status: 'finished', postprocessor: 'MoveFiles' },
      { kind: 'text', text: 'ERROR: something' },
    ]);
  });

  it("keeps yt-dlp's own messages and malformed lines as text", () => {
    expect(parseOutputLine('WARNING: [generic] Falling back on generic information extractor')).toEqual([{ kind: 'text', text: 'WARNING: [generic] Falling back on generic information extractor' }]);
    expect(parseOutputLine('MN-PROGRESS bogus 1 2')).toEqual([{ kind: 'text', text: 'MN-PROGRESS bogus 1 2' }]);
    expect(parseOutputLine('MN-FILE not-json')).toEqual([{ kind: 'text', text: 'MN-FILE not-json' }]);
    expect(parseOutputLine('   \r')).toEqual([]);
  });

  it('splits a stream into lines across chunks and cuts a runaway line', () => {
    const lines: string[] = [];
    const splitter = createLineSplitter((line) => lines.push(line), 10);
    splitter.push('ab');
    splitter.push('c\r\nde');
    splitter.push('f\n0123456789abcdef\nlast');
    splitter.end();
    expect(lines).toEqual(['abc\r', 'def', '0123456789', 'last']);
  });
});
