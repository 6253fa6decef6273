import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Priority, QueueServiceDto } from '../../src-shared/dto';
import type { IconName } from '../components/Icons';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';

interface PriorityOption {
  readonly priority: Priority;
  readonly icon: IconName;
  /** Only where there is something objective to say (the legal age). */
  readonly description?: 'priority.options.elderly.description' | 'priority.options.none.description';
}

const options: readonly PriorityOption[] = [
  { priority: 'elderly', icon: 'elderly', description: 'priority.options.elderly.description' },
  { priority: 'disabled', icon: 'disabled' },
  { priority: 'pregnant', icon: 'pregnant' },
  { priority: 'none', icon: 'person', description: 'priority.options.none.description' },
];

interface PriorityScreenProps {
  service: QueueServiceDto;
  language: Language;
  onChoose: (priority: Priority) => void;
}

export function PriorityScreen({ service, language, onChoose }: PriorityScreenProps): ReactElement {
  const { t } = useTranslation();
  return (
    <ScreenFrame testId="screen-priority" title={t('priority.title')} subtitle={t('priority.subtitle')}>
      <p className="chosen-service" data-testid="priority-service">
        {service.name[language]}
      </p>
      <TileGrid compact>
        {options.map((option) => (
          <Tile
            key={option.priority}
            icon={option.icon}
            title={t(`priority.options.${option.priority}.title`)}
            description={option.description ? t(option.description) : undefined}
            primary={option.priority === 'none'}
            testId={`priority-${option.priority}`}
            onSelect={() => onChoose(option.priority)}
          />
        ))}
      </TileGrid>
    </ScreenFrame>
  );
}
