import { Button, Group, Text, TextInput } from "@mantine/core";
import { useEffect, useId, useRef, useState } from "react";

type CopyState = "idle" | "copied" | "manual";

/**
 * A read-only value (an invitation link, for example) with a button that copies it. When the browser
 * will not copy, the text is selected so it can be copied by hand, and the page says so.
 */
export function CopyField({ label, value, copyLabel }: { label: string; value: string; copyLabel: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state !== "copied") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  function selectByHand() {
    input.current?.focus();
    input.current?.select();
    setState("manual");
  }

  function copy() {
    if (!navigator.clipboard) return selectByHand();
    navigator.clipboard.writeText(value).then(() => setState("copied"), selectByHand);
  }

  return (
    <div>
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          id={id}
          ref={input}
          label={label}
          value={value}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          style={{ flex: "1 1 16rem" }}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
        />
        <Button variant={state === "copied" ? "light" : "default"} onClick={copy}>
          {state === "copied" ? "Copied" : copyLabel}
        </Button>
      </Group>
      <Text size="sm" c="dimmed" role="status" mt={4}>
        {state === "copied" ? "Copied to the clipboard." : null}
        {state === "manual" ? "The text is selected. Use your device's copy command to copy it." : null}
      </Text>
    </div>
  );
}
