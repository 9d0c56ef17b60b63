import { expect } from '@open-wc/testing';
import { formatMoney } from '../../packages/core/src/format/money.js';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('formats amounts in their currency, in English and Spanish', () => {
    expect(formatMoney({ value: 1234.5, currency: 'USD' }, 'en-US')).to.equal('$1,234.50');
    expect(plain(formatMoney({ value: 1234.5, currency: 'EUR' }, 'es-ES'))).to.equal('1234,50 €');
    expect(plain(formatMoney({ value: 12345.5, currency: 'EUR' }, 'es-ES'))).to.equal('12.345,50 €');
    expect(plain(formatMoney({ value: 1234.5, currency: 'USD' }, 'es-US'))).to.equal('$1,234.50');
    expect(formatMoney({ value: 1500, currency: 'JPY' }, 'en-US')).to.equal('¥1,500');
  });

  it('assumes US dollars when the currency is missing', () => {
    expect(formatMoney({ value: 20 }, 'en-US')).to.equal('$20.00');
    expect(formatMoney({ value: 20 }, 'en-US', { defaultCurrency: 'CAD' })).to.equal('CA$20.00');
  });

  it('writes credits with their sign, or in accounting form when asked', () => {
    expect(formatMoney({ value: -25, currency: 'USD' }, 'en-US')).to.equal('-$25.00');
    expect(plain(formatMoney({ value: -25, currency: 'EUR' }, 'es-ES'))).to.equal('-25,00 €');
    expect(formatMoney({ value: -25, currency: 'USD' }, 'en-US', { currencySign: 'accounting' })).to.equal('($25.00)');
  });

  it('never shows a negative zero', () => {
    expect(formatMoney({ value: -0, currency: 'USD' }, 'en-US')).to.equal('$0.00');
    expect(formatMoney({ value: -0.001, currency: 'USD' }, 'en-US')).to.equal('$0.00');
  });

  it('handles missing amounts and unknown currency codes without throwing', () => {
    expect(formatMoney(undefined, 'en-US')).to.equal('');
    expect(formatMoney({ currency: 'USD' }, 'en-US', { fallback: '—' })).to.equal('—');
    expect(formatMoney({ value: 5, currency: 'US$' }, 'en-US')).to.equal('5.00 US$');
    expect(formatMoney({ value: 5, currency: 'usd' }, 'en-US')).to.equal('$5.00');
  });
});
