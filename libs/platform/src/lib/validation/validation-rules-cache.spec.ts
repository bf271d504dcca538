import { IsInt, IsString, Min, validate } from 'class-validator';
import { cacheValidationRules } from './validation-rules-cache';

const constraintsOf = async (value: object) =>
  (await validate(value)).map((e) => [e.property, Object.keys(e.constraints ?? {}).sort()]);

describe('cached class-validator rules', () => {
  beforeAll(() => cacheValidationRules());

  it('validates as before, including inherited rules', async () => {
    class Window {
      @IsInt()
      @Min(1)
      days = 0;
    }
    class NamedWindow extends Window {
      @IsString()
      name: unknown = 3;
    }
    expect(await constraintsOf(new Window())).toEqual([['days', ['min']]]);
    expect(await constraintsOf(new NamedWindow())).toEqual([
      ['name', ['isString']],
      ['days', ['min']],
    ]);
    // Answered from the cache the second time, the same.
    expect(await constraintsOf(new NamedWindow())).toEqual([
      ['name', ['isString']],
      ['days', ['min']],
    ]);
  });

  it('sees a rule added after a class was first validated', async () => {
    class Late {
      @IsInt()
      count: unknown = 'x';
      label: unknown = 1;
    }
    expect(await constraintsOf(new Late())).toEqual([['count', ['isInt']]]);
    IsString()(Late.prototype, 'label');
    expect(await constraintsOf(new Late())).toEqual([
      ['count', ['isInt']],
      ['label', ['isString']],
    ]);
  });
});
