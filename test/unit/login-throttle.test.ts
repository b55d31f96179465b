import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../functions/local/login-throttle';

describe('the local sign-in back-off', () => {
  const policy = { free: 3, firstWaitSeconds: 1, maxWaitSeconds: 8 };

  it('lets the first failures through, then doubles the wait up to its ceiling', () => {
    let now = 0;
    const throttle = new LoginThrottle(policy, () => now);
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      throttle.failed('pk1');
      waits.push(throttle.waitSeconds('pk1'));
    }
    expect(waits).toEqual([0, 0, 0, 1, 2, 4, 8, 8]);
    now += 7_500;
    expect(throttle.waitSeconds('pk1')).toBe(1);
    now += 500;
    expect(throttle.waitSeconds('pk1')).toBe(0);
  });

  it('keeps accounts apart and forgets an account after a success', () => {
    const throttle = new LoginThrottle(policy, () => 0);
    for (let i = 0; i < 5; i++) throttle.failed('pk1');
    expect(throttle.waitSeconds('pk1')).toBeGreaterThan(0);
    expect(throttle.waitSeconds('pk2')).toBe(0);
    throttle.succeeded('pk1');
    expect(throttle.waitSeconds('pk1')).toBe(0);
  });
});
