import { ArrowLeftOutlined, CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Card, Result, Space, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';

import { useReview } from '@/features/reviews/api/reviews-api';
import { ReviewDetail } from '@/features/reviews/components/review-detail';
import { useDecide } from '@/features/reviews/components/use-decide';
import { canDecide } from '@/features/reviews/utils/queue';
import { ApiError } from '@/lib/api-error';
import { hasCapability, useCurrentUser } from '@/lib/auth/session';

/** One review item on its own page: where notifications lead, for the reviewer and for the filler. */
export function ReviewPage() {
  const { t } = useTranslation(['reviews', 'common']);
  const navigate = useNavigate();
  const params = useParams();
  const id = Number(params.id);
  const user = useCurrentUser();
  const review = useReview(Number.isFinite(id) ? id : null);
  const decide = useDecide();
  const location = useLocation();
  // Opened from outside the app (a bookmark, a new tab): back to the user's own review screen.
  const goBack = () => {
    if (location.key !== 'default') void navigate(-1);
    else void navigate(hasCapability(user, 'reviews.decide') ? '/reviews' : '/my-submissions');
  };
  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={goBack}>
      {t('reviews:detail.back')}
    </Button>
  );

  if (review.isError) {
    const notFound = review.error instanceof ApiError && review.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('reviews:detail.notFound') : review.error.message} extra={back} />;
  }
  const item = review.data;
  if (!item) {
    return (
      <div style={{ textAlign: 'center', padding: 48 }}>
        <Spin />
      </div>
    );
  }
  const decidable = canDecide(item, user);
  return (
    <Card
      title={`${t('reviews:detail.title')} · ${item.subject.name}`}
      extra={
        <Space wrap>
          {decidable && (
            <>
              <Button danger icon={<RollbackOutlined />} onClick={() => decide.startReturn(item)}>
                {t('reviews:actions.return')}
              </Button>
              <Button type="primary" icon={<CheckOutlined />} loading={decide.approving === item.id} onClick={() => void decide.approve(item)}>
                {t('reviews:actions.approve')}
              </Button>
            </>
          )}
          {back}
        </Space>
      }
    >
      <ReviewDetail item={item} />
      {decide.modal}
    </Card>
  );
}
