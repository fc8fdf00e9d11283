import { Select } from 'antd';
import { useDirectory } from '../api/directory';

/** A searchable choice among the administrative agencies of the directory (filters of figures and reports). */
export function AgencySelect({ value, onChange, placeholder, testId }: { value?: string; onChange: (agencyId?: string) => void; placeholder: string; testId: string }) {
  const directory = useDirectory();
  const agencies = (directory.data?.organizations ?? []).filter((o) => o.kind === 'agency');
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      placeholder={placeholder}
      style={{ width: 220 }}
      loading={directory.isLoading}
      options={agencies.map((o) => ({ value: o.id, label: o.shortName }))}
      onChange={(agencyId?: string) => onChange(agencyId)}
      data-testid={testId}
    />
  );
}
