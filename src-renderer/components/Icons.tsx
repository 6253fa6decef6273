import type { ReactElement, ReactNode } from 'react';

/**
 * Line icons drawn inline (no files to load, nothing for the CSP to block). They are
 * decoration: the tile's text says what it is, so every icon is hidden from screen readers.
 */
function Svg({ children }: { children: ReactNode }): ReactElement {
  return (
    <svg
      className="icon"
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth={3.5}
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {children}
    </svg>
  );
}

/** Faces for the satisfaction rating's three levels (and its home tile). */
const face = (mouth: string) => () => (
  <Svg>
    <circle cx="32" cy="32" r="26" />
    <path d="M23 25 L23 27 M41 25 L41 27" />
    <path d={mouth} />
  </Svg>
);
const SmileIcon = face('M20 38 Q32 50 44 38');
const NeutralIcon = face('M21 42 L43 42');
const FrownIcon = face('M20 46 Q32 34 44 46');

const LandIcon = () => (
  <Svg>
    <path d="M6 50 L22 40 L42 46 L58 36" />
    <path d="M6 58 L58 58 M6 50 L6 58 M58 36 L58 58" />
    <path d="M22 40 L22 10" />
    <path d="M22 10 L38 16 L22 22" />
  </Svg>
);

const FamilyIcon = () => (
  <Svg>
    <circle cx="16" cy="14" r="6" />
    <circle cx="48" cy="14" r="6" />
    <circle cx="32" cy="34" r="4" />
    <path d="M6 56 V34 a10 10 0 0 1 20 0 V56" />
    <path d="M38 56 V34 a10 10 0 0 1 20 0 V56" />
    <path d="M27 56 V48 a5 5 0 0 1 10 0 V56" />
  </Svg>
);

const StampIcon = () => (
  <Svg>
    <path d="M26 30 V18 a6 6 0 1 1 12 0 V30" />
    <path d="M12 42 a4 4 0 0 1 4-4 H48 a4 4 0 0 1 4 4 V48 H12 Z" />
    <path d="M22 30 H42 L44 38 H20 Z" />
    <path d="M10 56 H54" />
  </Svg>
);

const ShopIcon = () => (
  <Svg>
    <path d="M8 24 L12 10 H52 L56 24" />
    <path d="M8 24 a6 6 0 0 0 12 0 a6 6 0 0 0 12 0 a6 6 0 0 0 12 0 a6 6 0 0 0 12 0" />
    <path d="M12 30 V56 H52 V30" />
    <path d="M26 56 V42 H38 V56" />
  </Svg>
);

const PeopleIcon = () => (
  <Svg>
    <circle cx="32" cy="16" r="7" />
    <circle cx="13" cy="24" r="5" />
    <circle cx="51" cy="24" r="5" />
    <path d="M20 56 V40 a12 12 0 0 1 24 0 V56" />
    <path d="M4 54 V42 a9 9 0 0 1 13-8" />
    <path d="M60 54 V42 a9 9 0 0 0-13-8" />
  </Svg>
);

const BuildingIcon = () => (
  <Svg>
    <path d="M14 58 V8 H50 V58" />
    <path d="M6 58 H58" />
    <path d="M22 16 H28 M36 16 H42 M22 26 H28 M36 26 H42 M22 36 H28 M36 36 H42" />
    <path d="M27 58 V46 H37 V58" />
  </Svg>
);

const DocumentIcon = () => (
  <Svg>
    <path d="M14 6 H38 L50 18 V58 H14 Z" />
    <path d="M38 6 V18 H50" />
    <path d="M22 30 H42 M22 40 H42 M22 50 H34" />
  </Svg>
);

const TicketIcon = () => (
  <Svg>
    <path d="M6 18 H58 V28 a4 4 0 0 0 0 8 V46 H6 V36 a4 4 0 0 0 0-8 Z" />
    <path d="M42 18 V46" strokeDasharray="3 5" />
    <path d="M16 27 H32 M16 37 H28" />
  </Svg>
);

const ElderlyIcon = () => (
  <Svg>
    <circle cx="28" cy="10" r="6" />
    <path d="M28 18 C22 24 22 32 24 38 L20 58" />
    <path d="M24 38 L32 46 L34 58" />
    <path d="M26 26 L40 32" />
    <path d="M40 32 V58" />
  </Svg>
);

const DisabledIcon = () => (
  <Svg>
    <circle cx="26" cy="9" r="5" />
    <path d="M26 16 V34 H42 L48 50" />
    <path d="M26 24 H38" />
    <path d="M20 28 a14 14 0 1 0 20 16" />
  </Svg>
);

const PregnantIcon = () => (
  <Svg>
    <circle cx="30" cy="9" r="6" />
    <path d="M28 17 C22 20 22 28 24 32" />
    <path d="M30 18 C38 22 46 30 42 40 C40 44 34 44 30 42" />
    <path d="M24 32 L26 42 L22 58" />
    <path d="M30 42 L34 58" />
  </Svg>
);

const PersonIcon = () => (
  <Svg>
    <circle cx="32" cy="14" r="8" />
    <path d="M16 58 V42 a16 16 0 0 1 32 0 V58" />
  </Svg>
);

const GlobeIcon = () => (
  <Svg>
    <circle cx="32" cy="32" r="24" />
    <path d="M8 32 H56 M32 8 C22 20 22 44 32 56 C42 44 42 20 32 8" />
  </Svg>
);

const ScaleIcon = () => (
  <Svg>
    <path d="M32 8 V54 M20 58 H44" />
    <path d="M12 16 H52" />
    <path d="M12 16 L4 36 a8 6 0 0 0 16 0 Z" />
    <path d="M52 16 L44 36 a8 6 0 0 0 16 0 Z" />
  </Svg>
);

const CarIcon = () => (
  <Svg>
    <path d="M8 44 V32 L14 18 H50 L56 32 V44 Z" />
    <path d="M8 32 H56" />
    <circle cx="18" cy="46" r="6" />
    <circle cx="46" cy="46" r="6" />
  </Svg>
);

const BriefcaseIcon = () => (
  <Svg>
    <path d="M6 20 H58 V54 H6 Z" />
    <path d="M22 20 V12 H42 V20" />
    <path d="M6 34 H58 M28 34 V40 H36 V34" />
  </Svg>
);

const SchoolIcon = () => (
  <Svg>
    <path d="M4 24 L32 12 L60 24 L32 36 Z" />
    <path d="M16 30 V44 C22 50 42 50 48 44 V30" />
    <path d="M56 26 V42" />
  </Svg>
);

const HealthIcon = () => (
  <Svg>
    <path d="M32 56 C12 42 4 32 4 22 a13 13 0 0 1 28-6 a13 13 0 0 1 28 6 C60 32 52 42 32 56 Z" />
    <path d="M32 24 V40 M24 32 H40" />
  </Svg>
);

const BookIcon = () => (
  <Svg>
    <path d="M32 14 C24 8 14 8 6 10 V52 C14 50 24 50 32 56 C40 50 50 50 58 52 V10 C50 8 40 8 32 14 Z" />
    <path d="M32 14 V56" />
  </Svg>
);

export const SearchIcon = () => (
  <Svg>
    <circle cx="26" cy="26" r="16" />
    <path d="M38 38 L56 56" />
  </Svg>
);

export const BackIcon = () => (
  <Svg>
    <path d="M40 12 L20 32 L40 52" />
  </Svg>
);

export const HomeIcon = () => (
  <Svg>
    <path d="M8 30 L32 10 L56 30" />
    <path d="M16 24 V54 H48 V24" />
    <path d="M27 54 V40 H37 V54" />
  </Svg>
);

export const PrinterIcon = () => (
  <Svg>
    <path d="M18 24 V8 H46 V24" />
    <path d="M12 46 H8 V24 H56 V46 H52" />
    <path d="M18 38 H46 V58 H18 Z" />
    <path d="M24 46 H40 M24 52 H36" />
  </Svg>
);

/** The audio guide: a loudspeaker with sound waves. */
export const SpeakerIcon = () => (
  <Svg>
    <path d="M8 24 H20 L34 12 V52 L20 40 H8 Z" />
    <path d="M42 24 Q48 32 42 40 M48 18 Q58 32 48 46" />
  </Svg>
);

const icons = {
  land: LandIcon,
  family: FamilyIcon,
  stamp: StampIcon,
  shop: ShopIcon,
  people: PeopleIcon,
  building: BuildingIcon,
  document: DocumentIcon,
  ticket: TicketIcon,
  elderly: ElderlyIcon,
  disabled: DisabledIcon,
  pregnant: PregnantIcon,
  person: PersonIcon,
  globe: GlobeIcon,
  scale: ScaleIcon,
  car: CarIcon,
  briefcase: BriefcaseIcon,
  school: SchoolIcon,
  health: HealthIcon,
  book: BookIcon,
  search: SearchIcon,
  smile: SmileIcon,
  neutral: NeutralIcon,
  frown: FrownIcon,
  speaker: SpeakerIcon,
} as const;

export type IconName = keyof typeof icons;

const isIconName = (name: string): name is IconName => Object.prototype.hasOwnProperty.call(icons, name);

/**
 * Icon by name. Service icons are named in the center's configuration, so an unknown name
 * is expected sooner or later: it falls back to a generic document rather than failing.
 */
export function Icon({ name }: { name: string }): ReactElement {
  const Component = isIconName(name) ? icons[name] : DocumentIcon;
  return <Component />;
}
