import { z } from 'zod';

/** `catalog` in the kiosk config. */
export const CatalogConfigSchema = z
  .object({
    /** Where a procedure's QR points when the catalog gives no URL; {code} is replaced. */
    procedureUrlTemplate: z
      .string()
      .includes('{code}')
      .default('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}'),
  })
  .prefault({});
export type CatalogConfig = z.infer<typeof CatalogConfigSchema>;

/** The part of the kiosk config the catalog service reads. */
export interface CatalogServiceConfig {
  catalog: CatalogConfig;
  printer: { footer: string };
}
