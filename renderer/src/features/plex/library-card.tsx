/**
 * A library item as the shared PosterCard: the poster from the core's binary
 * route at the size the card is drawn, "Watched" or how far along as its
 * badge (in words, not colour alone), the whole card opening the details.
 */
import { memo } from 'react';
import type { LibraryItem } from '../../../../shared/contract/areas/plex';
import { PosterCard } from '../../ui/poster-card';
import type { GridItemFocus } from '../../ui/poster-grid';
import { StatusChip } from '../../ui/status-chip';

/** The poster at `width` CSS pixels, in device pixels (the core snaps it to a few sizes). */
export function posterSource(poster: string, width: number): string {
  return `${poster}/${Math.round(width * (globalThis.devicePixelRatio || 1))}`;
}

/** Cards in a shelf are drawn at about this width (row.css `--poster-max`). */
const SHELF_CARD_WIDTH = 180;

function badge(item: LibraryItem) {
  if (item.watched) return <StatusChip tone="ok" size="small" label="Watched" />;
  if (item.progress) return <StatusChip tone="info" size="small" label={`${Math.round(item.progress * 100)} %`} title={`${Math.round(item.progress * 100)} % watched`} />;
  return null;
}

export interface LibraryCardProps {
  readonly item: LibraryItem;
  readonly focus: GridItemFocus;
  onOpen(item: LibraryItem): void;
}

function Card({ item, focus, onOpen }: LibraryCardProps) {
  return (
    <PosterCard
      title={item.title}
      year={item.year}
      imageUrl={item.poster ? posterSource(item.poster, focus.width || SHELF_CARD_WIDTH) : null}
      badge={badge(item)}
      onOpen={() => onOpen(item)}
      tabIndex={focus.tabIndex}
      onFocus={focus.onFocus}
    />
  );
}

/** What the card shows of an item: search answers arrive as new objects for the same items. */
function sameShown(a: LibraryItem, b: LibraryItem): boolean {
  return a.ratingKey === b.ratingKey && a.title === b.title && a.year === b.year && a.poster === b.poster && a.watched === b.watched && a.progress === b.progress;
}

/**
 * Redrawn only when what it shows or where it is changed: every keystroke and
 * every scrolled frame hands the grid new objects for mostly the same cards.
 */
export const LibraryCard = memo(
  Card,
  (before, after) =>
    before.onOpen === after.onOpen &&
    before.focus.index === after.focus.index &&
    before.focus.tabIndex === after.focus.tabIndex &&
    before.focus.width === after.focus.width &&
    sameShown(before.item, after.item),
);
