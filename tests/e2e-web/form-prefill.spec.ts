import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KioskInChromium, kioskPage, shot } from './harness';
import { next, startDossierWithCard, typeOnKeyboard } from './journey-steps';

/*
 * The marriage-status form as a citizen with a card sees it: every field the card gives is filled
 * in, "Giới tính" chosen from the card's Nam, the birth date shown dd/mm/yyyy as the hint says,
 * and the form goes on without a validation error on any of them.
 */

const MARRIAGE_STATUS = '1.004873';
const CARD = '001088012345|123456789|Trần Văn Bình|29021988|Nam|Số 5 phố Tràng Tiền, Hoàn Kiếm, Hà Nội|04102021';

describe('the form prefilled from the card', () => {
  const env = KioskInChromium.forSuite();

  it('fills the marriage-status form from the card in the citizen\'s formats, and it validates', async () => {
    const page = await kioskPage(env.browser, 'portrait');
    await page.goto(env.kiosk.url);
    await page.getByTestId('screen-attract').click();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await startDossierWithCard(page, env.kiosk, MARRIAGE_STATUS, CARD);
    await page.getByTestId('field-contact-phone').tap();
    await typeOnKeyboard(page, '0912345678');
    await next(page, 'dossier-form');

    assert.equal((await page.getByTestId('field-formValues-applicantName').innerText()).trim(), 'Trần Văn Bình');
    assert.equal((await page.getByTestId('field-formValues-applicantIdNumber').innerText()).trim(), '001088012345');
    assert.equal((await page.getByTestId('field-formValues-applicantBirthDate').innerText()).trim(), '29/02/1988');
    assert.equal(await page.getByTestId('option-applicantSex-Nam').getAttribute('aria-pressed'), 'true');
    const text = await page.getByTestId('dossier-form').innerText();
    assert.ok(text.includes('ngày/tháng/năm'), 'the hint says the order the date is shown in');
    await page.getByTestId('option-purpose-ket-hon').tap();
    await shot(page, 'form-prefill-vi-marriage-status');
    await next(page, 'dossier-documents');
    await page.close();
  });
});
