import { isMantineColorScheme, SegmentedControl, useMantineColorScheme, VisuallyHidden } from "@mantine/core";
import type { ReactNode } from "react";
import { AutoIcon, MoonIcon, SunIcon } from "./icons";

function Option({ icon, label }: { icon: ReactNode; label: string }) {
  return (
    <span title={label} style={{ display: "inline-flex", alignItems: "center" }}>
      {icon}
      <VisuallyHidden>{label}</VisuallyHidden>
    </span>
  );
}

const options = [
  { value: "light", label: <Option icon={<SunIcon />} label="Light" /> },
  { value: "dark", label: <Option icon={<MoonIcon />} label="Dark" /> },
  { value: "auto", label: <Option icon={<AutoIcon />} label="Auto (match this device)" /> },
];

/** Light, dark or follow-the-device colour scheme, as a labelled radio group. */
export function ColorSchemeToggle() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      aria-label="Colour scheme"
      size="xs"
      radius="xl"
      data={options}
      value={colorScheme}
      onChange={(value) => {
        if (isMantineColorScheme(value)) setColorScheme(value);
      }}
    />
  );
}
