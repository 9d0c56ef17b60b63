import { expect } from '@open-wc/testing';
import { minorDigits, parseAmount, toMinor, toMoney } from '../../packages/bill-pay/src/model/money.js';

const usd = (text: string, locale = 'en-US', owed = 100_000_00) => parseAmount(text, { locale, currency: 'USD', owed });

describe('bill-pay money: whole minor units, never floating point', () => {
  it('reads FHIR Money into minor units and back, per currency', () => {
    expect(minorDigits('USD')).to.equal(2);
    expect(minorDigits('JPY')).to.equal(0);
    expect(minorDigits('KWD')).to.equal(3);
    expect(toMinor({ value: 0.1 + 0.2, currency: 'USD' })).to.deep.equal({ minor: 30, currency: 'USD' });
    expect(toMinor({ value: 1234.565 })).to.deep.equal({ minor: 123457, currency: 'USD' });
    expect(toMinor({ value: 1500, currency: 'jpy' })).to.deep.equal({ minor: 1500, currency: 'JPY' });
    expect(toMinor({ currency: 'USD' })).to.equal(undefined);
    expect(toMoney({ minor: 123450, currency: 'USD' })).to.deep.equal({ value: 1234.5, currency: 'USD' });
  });

  it('reads what a patient types, in their locale', () => {
    expect(usd('1,234.50')).to.deep.equal({ minor: 123450 });
    expect(usd('$ 1234.5')).to.deep.equal({ minor: 123450 });
    expect(usd('12,50')).to.deep.equal({ minor: 1250 }, 'a comma once, two digits after: the decimals');
    expect(usd('1.234,50', 'es')).to.deep.equal({ minor: 123450 });
    expect(usd('1234,5', 'es')).to.deep.equal({ minor: 123450 });
    expect(usd('1.234', 'es')).to.deep.equal({ minor: 123400 }, 'the Spanish group mark');
    expect(usd('١٬٢٣٤٫٥٠', 'ar')).to.deep.equal({ minor: 123450 });
    expect(usd('25')).to.deep.equal({ minor: 2500 });
  });

  it('says what is wrong, and sends nothing', () => {
    expect(usd('')).to.deep.equal({ problem: 'empty' });
    expect(usd('abc')).to.deep.equal({ problem: 'invalid' });
    expect(usd('0')).to.deep.equal({ problem: 'zero' });
    expect(usd('0.00')).to.deep.equal({ problem: 'zero' });
    expect(usd('-5')).to.deep.equal({ problem: 'negative' });
    expect(usd('10.005')).to.deep.equal({ problem: 'too-many-decimals' });
    expect(usd('1.2.3')).to.deep.equal({ problem: 'invalid' });
    expect(usd('60.01', 'en-US', 6000)).to.deep.equal({ problem: 'over' });
    expect(usd('60', 'en-US', 6000)).to.deep.equal({ minor: 6000 });
    expect(parseAmount('1500.5', { locale: 'ja', currency: 'JPY', owed: 10_000 })).to.deep.equal({ problem: 'too-many-decimals' });
  });
});
