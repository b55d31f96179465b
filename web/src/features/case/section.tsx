/** A part of the case page: a landmark named by its h2, reachable from the page's section links. */
import type { ReactNode, Ref } from 'react';

export function Section({
  id,
  title,
  headingRef,
  children,
}: {
  id: string;
  title: string;
  /** For moving focus to the heading after the section's content changed under the user. */
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  return (
    <section id={id} className="section panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}
