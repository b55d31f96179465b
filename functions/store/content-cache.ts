/**
 * A per-process read cache over versioned content. Published versions are immutable and kept until
 * evicted; the published pointer (which version is current) is trusted for `contentTtlMs` and then
 * read again, so a publish in any process takes effect everywhere within that time, without a
 * redeploy. A publish in this process updates the pointer at once.
 */
import { config } from '../platform/config';
import type { ContentRepo, Version } from './content-repo';

const MAX_VERSIONS = 500;

export function contentCache(repo: ContentRepo) {
  const versions = new Map<string, Version>();
  const pointers = new Map<string, { version: number | null; readAt: number }>();

  return {
    /** The version number currently published, read at most once per TTL. */
    async publishedVersion(id: string): Promise<number | null | undefined> {
      const cached = pointers.get(id);
      if (cached && Date.now() - cached.readAt < config().contentTtlMs) return cached.version;
      const head = await repo.getHead(id);
      if (!head) {
        pointers.delete(id);
        return undefined;
      }
      pointers.set(id, { version: head.publishedVersion, readAt: Date.now() });
      return head.publishedVersion;
    },

    /** One immutable version, read once per process. */
    async version(id: string, version: number): Promise<Version | undefined> {
      const key = `${id}@${version}`;
      const hit = versions.get(key);
      if (hit) return hit;
      const found = await repo.getVersion(id, version);
      if (found) {
        versions.set(key, found);
        if (versions.size > MAX_VERSIONS) {
          const oldest = versions.keys().next().value;
          if (oldest !== undefined) versions.delete(oldest);
        }
      }
      return found;
    },

    /** Records a publish made by this process. */
    published(id: string, version: number): void {
      pointers.set(id, { version, readAt: Date.now() });
    },
  };
}
