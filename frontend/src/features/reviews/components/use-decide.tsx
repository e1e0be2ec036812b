import { App } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useDecisions, type Submission } from '@/features/reviews/api/reviews-api';
import { ReasonModal } from '@/features/reviews/components/reason-modal';

type Item = Pick<Submission, 'id' | 'subject'>;

interface Decide {
  approve: (item: Item) => Promise<void>;
  /** Opens the reason modal for a return. */
  startReturn: (item: Item) => void;
  /** The id being approved right now, for a spinning button. */
  approving: number | null;
  /** The reason modal, to render somewhere in the page. */
  modal: ReactNode;
}

/** Approve and return of one item, with their messages; `onDecided` runs after either succeeded. */
export function useDecide(onDecided?: (id: number) => void): Decide {
  const { t } = useTranslation(['reviews', 'common']);
  const { message } = App.useApp();
  const { approve, reject } = useDecisions();
  const [returning, setReturning] = useState<Item | null>(null);

  const onApprove = async (item: Item) => {
    try {
      await approve.mutateAsync(item.id);
      void message.success(t('reviews:actions.approved', { name: item.subject.name }));
      onDecided?.(item.id);
    } catch (error) {
      void message.error(error instanceof Error ? error.message : t('common:errors.generic'));
    }
  };

  const modal = returning && (
    <ReasonModal
      title={t('reviews:returnModal.title', { name: returning.subject.name })}
      saving={reject.isPending}
      onClose={() => setReturning(null)}
      onSubmit={async (reason) => {
        await reject.mutateAsync({ id: returning.id, reason });
        void message.success(t('reviews:actions.returned', { name: returning.subject.name }));
        setReturning(null);
        onDecided?.(returning.id);
      }}
    />
  );

  return {
    approve: onApprove,
    startReturn: setReturning,
    approving: approve.isPending ? approve.variables : null,
    modal,
  };
}
