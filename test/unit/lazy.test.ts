import { describe, expect, it } from 'vitest';
import { lazyModule, once } from '../../functions/platform/lazy';

/** A stand-in for `import()`: counts how often the module is loaded. */
function loader() {
  const module = {
    greet: async (name: string, times = 1) => `halo ${name}`.repeat(times),
    fail: async (): Promise<never> => {
      throw new Error('refused');
    },
    version: 3,
  };
  let loads = 0;
  return {
    load: async () => {
      loads++;
      return module;
    },
    loads: () => loads,
  };
}

describe('modules loaded on first use', () => {
  it('loads a module once, however many callers ask at the same time', async () => {
    const { load, loads } = loader();
    const module = once(load);
    expect(loads()).toBe(0);
    const [a, b] = await Promise.all([module(), module()]);
    expect(a).toBe(b);
    await module();
    expect(loads()).toBe(1);
  });

  it('calls the named functions with their arguments, loading the module on the first call only', async () => {
    const { load, loads } = loader();
    const lazy = lazyModule(load, ['greet', 'fail']);
    expect(loads()).toBe(0);
    expect(await lazy.greet('Budi')).toBe('halo Budi');
    expect(await lazy.greet('Sari', 2)).toBe('halo Sarihalo Sari');
    await expect(lazy.fail()).rejects.toThrow('refused');
    expect(loads()).toBe(1);
  });

  it('holds only the functions asked for', () => {
    const { load } = loader();
    const lazy = lazyModule(load, ['greet']);
    expect(Object.keys(lazy)).toEqual(['greet']);
    expect(Object.isFrozen(lazy)).toBe(true);
  });
});
