import { useEffect, useState, type ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskClient } from '../../src-shared/contract';
import type { Language, QueueServiceDto } from '../../src-shared/dto';
import type { KioskErrorPayload } from '../../src-shared/errors';
import { ScreenFrame } from '../components/ScreenFrame';
import { Tile, TileGrid } from '../components/Tile';

interface ServicesScreenProps {
  kiosk: KioskClient;
  language: Language;
  onChoose: (service: QueueServiceDto) => void;
  onError: (error: KioskErrorPayload) => void;
}

/** The service areas that hand out queue numbers, as the core lists them right now. */
export function ServicesScreen({ kiosk, language, onChoose, onError }: ServicesScreenProps): ReactElement {
  const { t } = useTranslation();
  const [services, setServices] = useState<readonly QueueServiceDto[] | null>(null);

  useEffect(() => {
    let current = true;
    void kiosk.listQueueServices({}).then((reply) => {
      if (!current) return;
      if (reply.ok) setServices(reply.value);
      else onError(reply.error);
    });
    return () => {
      current = false;
    };
  }, [kiosk, onError]);

  return (
    <ScreenFrame testId="screen-services" title={t('services.title')} subtitle={t('services.subtitle')}>
      {services === null ? (
        <p className="status-line" role="status">
          {t('services.loading')}
        </p>
      ) : services.length === 0 ? (
        <p className="notice" role="status" data-testid="services-empty">
          {t('services.empty')}
        </p>
      ) : (
        <TileGrid>
          {services.map((service) => (
            <Tile
              key={service.id}
              icon={service.icon}
              title={service.name[language]}
              description={service.description[language]}
              testId={`service-${service.id}`}
              onSelect={() => onChoose(service)}
            />
          ))}
        </TileGrid>
      )}
    </ScreenFrame>
  );
}
