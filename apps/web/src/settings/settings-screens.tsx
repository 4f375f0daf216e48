// Route entries of the settings chunk: the dialogs close back to the home screen.
import { useNavigate } from 'react-router-dom';
import { MessageSettingsPage } from './message-settings-page';
import { MyMailSettingsPage } from './my-mail-settings-page';
import { SignInReviewPage } from './sign-in-review-page';

export function MessageSettingsScreen() {
  const navigate = useNavigate();
  return <MessageSettingsPage onClose={() => void navigate('/')} />;
}

export function MyMailSettingsScreen() {
  const navigate = useNavigate();
  return <MyMailSettingsPage onClose={() => void navigate('/')} />;
}

export function SignInReviewScreen() {
  return <SignInReviewPage />;
}
