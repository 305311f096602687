/**
 * What the tools lack, as banners above the queue: yt-dlp missing stops
 * everything (and says what to install), an old yt-dlp or a missing ffmpeg or
 * JavaScript runtime works only for some sites or qualities.
 */
import type { ToolName, ToolStatus } from '../../../../shared/contract/areas/downloads';
import { Banner } from '../../ui/banner';
import { SettingsLink } from '../../ui/settings-link';

/** What to install when a tool is not found at all. */
export const installHints: Record<ToolName, string> = {
  'yt-dlp':
    'Install yt-dlp (for example “pipx install yt-dlp”, or your system’s yt-dlp package), set its path in Settings → Downloads, or press “Update yt-dlp now” there to let MediaNest fetch and keep its own copy.',
  ffmpeg: 'Install ffmpeg (your system’s ffmpeg package, or ffmpeg.org): yt-dlp needs it to join video and sound and to make audio files.',
  'js-runtime': 'Install Deno (deno.com) or Node.js: a current yt-dlp needs one for YouTube.',
};

function title(tool: ToolStatus): string {
  if (!tool.found) return tool.name === 'yt-dlp' ? 'yt-dlp is not installed, so nothing can be downloaded' : `${tool.label} was not found`;
  return tool.severity === 'error' ? `${tool.label} cannot be used` : `${tool.label} needs attention`;
}

export function ToolsBanner({ tools }: { readonly tools: readonly ToolStatus[] }) {
  const problems = tools.filter((tool) => tool.severity !== 'ok' || !tool.found);
  if (problems.length === 0) return null;
  return (
    <div className="downloads-tools" data-testid="tools-banner">
      {problems.map((tool) => (
        <Banner
          key={tool.name}
          tone={tool.severity === 'error' || (tool.name === 'yt-dlp' && !tool.found) ? 'danger' : 'warn'}
          role={tool.name === 'yt-dlp' && !tool.found ? 'alert' : undefined}
          title={title(tool)}
          action={<SettingsLink section="downloads">Downloads settings</SettingsLink>}
        >
          {tool.problem ? <p>{tool.problem}</p> : null}
          {!tool.found ? <p>{installHints[tool.name]}</p> : null}
        </Banner>
      ))}
    </div>
  );
}
