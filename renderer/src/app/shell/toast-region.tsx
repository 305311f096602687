/**
 * The app's toasts, from the app store.
 */
import { ToastStack } from '../../ui/toast';
import { dismissToast, useAppStore } from '../app-store';

export function ToastRegion() {
  const toasts = useAppStore((state) => state.toasts);
  return <ToastStack toasts={toasts} onDismiss={dismissToast} />;
}
