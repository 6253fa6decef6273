import type { ReactElement, ReactNode } from 'react';
import { Icon } from './Icons';

export interface TileProps {
  title: string;
  description?: string | undefined;
  /** Shown instead of acting, e.g. why the tile is unavailable right now. */
  note?: string | undefined;
  icon?: string | undefined;
  disabled?: boolean;
  /** The one choice most visitors make, drawn filled so it is found first. */
  primary?: boolean;
  /** Few, equally weighted choices (the languages): bigger, centred. */
  large?: boolean;
  testId?: string;
  lang?: string;
  onSelect: () => void;
}

/** One big touch target: icon, name and a line of explanation, all part of the button. */
export function Tile({ title, description, note, icon, disabled, primary, large, testId, lang, onSelect }: TileProps): ReactElement {
  const className = ['tile', primary ? 'tile--primary' : '', large ? 'tile--large' : ''].filter(Boolean).join(' ');
  return (
    <button
      type="button"
      className={className}
      disabled={disabled}
      data-testid={testId}
      data-speak={[title, description, note].filter(Boolean).join('. ')}
      lang={lang}
      onClick={onSelect}
    >
      {icon ? (
        <span className="tile__icon">
          <Icon name={icon} />
        </span>
      ) : null}
      <span className="tile__text">
        <span className="tile__title">{title}</span>
        {description ? <span className="tile__description">{description}</span> : null}
        {note ? <span className="tile__note">{note}</span> : null}
      </span>
    </button>
  );
}

/** Lays tiles out in as many columns as fit, so portrait and landscape screens both work. */
export function TileGrid({ children, compact, className }: { children: ReactNode; compact?: boolean; className?: string }): ReactElement {
  return <div className={['tile-grid', compact ? 'tile-grid--compact' : '', className ?? ''].filter(Boolean).join(' ')}>{children}</div>;
}
