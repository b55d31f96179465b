import { describe, expect, it } from 'vitest';
import { deferred, once } from '../../functions/platform/lazy';

/** A stand-in for `import()`: counts how often the module is loaded. */
function loader() {
  const module = {
    greet: async (name: string, times = 1) => `halo ${name}`.repeat(times),
    fail: async (): Promise<never> => {
      throw new Error('refused');
    },
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

  it('calls the named function with its arguments, loading nothing before the first call', async () => {
    const { load, loads } = loader();
    const module = once(load);
    const greet = deferred(module, 'greet');
    expect(loads()).toBe(0);
    expect(await greet('Budi')).toBe('halo Budi');
    expect(await greet('Sari', 2)).toBe('halo Sarihalo Sari');
    expect(loads()).toBe(1);
  });

  it("passes the function's refusal on to the caller", async () => {
    const { load } = loader();
    const module = once(load);
    await expect(deferred(module, 'fail')()).rejects.toThrow('refused');
  });
});
