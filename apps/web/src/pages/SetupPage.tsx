import { type OrganisationKind, passwordProblem, passwordRules, type SetupRequest } from "@lantern/domain";
import {
  Alert,
  Anchor,
  Button,
  Container,
  Divider,
  Fieldset,
  Paper,
  PasswordInput,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useMemo, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ApiError, NETWORK_ERROR_STATUS } from "../api/client";
import { queryKeys } from "../api/queries";
import { createProgramme } from "../api/setup";
import { PageHeading } from "../components/PageHeading";
import { handOffToSignIn } from "../lib/navigation";
import { browserTimeZone, timeZoneOptions } from "../lib/timeZones";

/** Form fields, named by the dotted paths the API uses in its field errors. */
const fields = [
  "organisation.name",
  "organisation.timeZone",
  "organisation.kind",
  "admin.name",
  "admin.email",
  "admin.password",
] as const;
type Field = (typeof fields)[number];
type FieldErrors = Partial<Record<Field, string>>;

/** The element that receives focus when a field has an error. */
const fieldIds: Record<Field, string> = {
  "organisation.name": "setup-programme-name",
  "organisation.timeZone": "setup-time-zone",
  "organisation.kind": "setup-kind-residential",
  "admin.name": "setup-admin-name",
  "admin.email": "setup-admin-email",
  "admin.password": "setup-admin-password",
};

const kinds: { value: OrganisationKind; label: string; description: string }[] = [
  { value: "residential", label: "Residential", description: "People stay with you during treatment." },
  { value: "outpatient", label: "Outpatient", description: "People come to sessions and live at home." },
  { value: "both", label: "Both", description: "You offer residential and outpatient care." },
];

/** Section legends read as headings for the two halves of the form. */
const legendStyles = {
  legend: { fontWeight: 650, fontSize: "var(--mantine-font-size-lg)", marginBottom: 8 },
};

interface Values {
  programmeName: string;
  timeZone: string | null;
  kind: OrganisationKind | null;
  adminName: string;
  email: string;
  password: string;
}

function isField(value: string): value is Field {
  return (fields as readonly string[]).includes(value);
}

function isKind(value: string): value is OrganisationKind {
  return kinds.some((kind) => kind.value === value);
}

function validate(values: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.programmeName.trim()) errors["organisation.name"] = "Enter the name of your programme.";
  if (!values.timeZone) errors["organisation.timeZone"] = "Choose the time zone your programme works in.";
  if (!values.kind) errors["organisation.kind"] = "Choose the kind of care your programme offers.";
  if (!values.adminName.trim()) errors["admin.name"] = "Enter your name.";
  if (!values.email.trim()) errors["admin.email"] = "Enter your email address.";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
    errors["admin.email"] = "Enter an email address like name@example.org.";
  const password = passwordProblem(values.password);
  if (password) errors["admin.password"] = password;
  return errors;
}

function firstError(errors: FieldErrors): Field | undefined {
  return fields.find((field) => errors[field]);
}

/** First-run setup: names the programme and creates its first admin account. */
export function SetupPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const zones = useMemo(timeZoneOptions, []);
  const [values, setValues] = useState<Values>(() => ({
    programmeName: "",
    timeZone: browserTimeZone(),
    kind: null,
    adminName: "",
    email: "",
    password: "",
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();
  const [alreadySetUp, setAlreadySetUp] = useState(false);
  // Bumped on each failed submit so focus moves to the first field with an error, even the same one again.
  const [focusRequest, setFocusRequest] = useState<{ field: Field } | null>(null);

  useEffect(() => {
    if (focusRequest) document.getElementById(fieldIds[focusRequest.field])?.focus();
  }, [focusRequest]);

  const mutation = useMutation({
    mutationFn: createProgramme,
    onSuccess: (result) => {
      handOffToSignIn({
        notice: "Your programme is set up. You can now sign in with the email and password you just chose.",
        email: result.admin.email,
      });
      // Either step alone leads to the sign-in page (the setup route redirects there once setup is done).
      queryClient.setQueryData(queryKeys.setup, { needed: false });
      navigate("/sign-in", { replace: true });
    },
    onError: (error) => {
      if (!(error instanceof ApiError)) {
        setFormError("Something unexpected happened. Please try again.");
        return;
      }
      if (error.status === 409) {
        setAlreadySetUp(true);
        return;
      }
      const fromServer: FieldErrors = {};
      const unplaced: string[] = [];
      for (const [field, message] of Object.entries(error.fieldErrors)) {
        if (isField(field)) fromServer[field] = message;
        else unplaced.push(message);
      }
      setErrors(fromServer);
      const field = firstError(fromServer);
      if (field) setFocusRequest({ field });
      if (unplaced.length > 0) setFormError(unplaced.join(" "));
      else if (!field)
        setFormError(
          error.status === NETWORK_ERROR_STATUS
            ? "Lantern could not reach its server. Check your connection and try again."
            : "Setup did not finish. Please try again in a moment.",
        );
    },
  });

  function update<K extends keyof Values>(key: K, value: Values[K], field: Field) {
    setValues((current) => ({ ...current, [key]: value }));
    // Clear a field's message as soon as the person changes it; it is checked again on submit.
    if (errors[field]) setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(undefined);
    setAlreadySetUp(false);
    const found = validate(values);
    const field = firstError(found);
    setErrors(found);
    if (field) {
      setFocusRequest({ field });
      return;
    }
    const { timeZone, kind } = values;
    if (!timeZone || !kind) return; // already reported by validate(); this narrows the types
    const input: SetupRequest = {
      organisation: { name: values.programmeName.trim(), timeZone, kind },
      admin: { name: values.adminName.trim(), email: values.email.trim(), password: values.password },
    };
    mutation.mutate(input);
  }

  return (
    <Container size={560} px="md">
      <title>Set up Lantern</title>
      <Stack gap="lg">
        <Stack gap="xs">
          <PageHeading>Set up Lantern</PageHeading>
          <Text>
            Welcome. Before anyone can use Lantern, it needs to know about your programme and who will run it.
            This only happens once and takes a couple of minutes. Every field is needed.
          </Text>
        </Stack>

        <Paper withBorder p={{ base: "md", sm: "lg" }} radius="md">
          <form onSubmit={submit} noValidate>
            <Stack gap="lg">
              <Fieldset legend="Your programme" variant="unstyled" styles={legendStyles}>
                <Stack gap="md">
                  <TextInput
                    id={fieldIds["organisation.name"]}
                    label="Programme name"
                    description="The name your clients and staff know you by."
                    autoComplete="organization"
                    required
                    withAsterisk={false}
                    value={values.programmeName}
                    onChange={(event) =>
                      update("programmeName", event.currentTarget.value, "organisation.name")
                    }
                    error={errors["organisation.name"]}
                  />
                  <Select
                    id={fieldIds["organisation.timeZone"]}
                    label="Time zone"
                    description="Used to decide where each day begins and ends for your programme."
                    required
                    withAsterisk={false}
                    searchable
                    allowDeselect={false}
                    nothingFoundMessage="No time zone matches that search."
                    maxDropdownHeight={280}
                    // Mount the 400-odd options only while open, so the closed list adds nothing to the page.
                    comboboxProps={{ keepMounted: false }}
                    data={zones}
                    value={values.timeZone}
                    onChange={(value) => update("timeZone", value, "organisation.timeZone")}
                    error={errors["organisation.timeZone"]}
                  />
                  <Radio.Group
                    label="Kind of programme"
                    required
                    withAsterisk={false}
                    value={values.kind}
                    onChange={(value) => {
                      if (isKind(value)) update("kind", value, "organisation.kind");
                    }}
                    error={errors["organisation.kind"]}
                    errorProps={{ mt: "xs" }}
                  >
                    <Stack gap="sm" mt="xs">
                      {kinds.map((kind) => (
                        <Radio
                          key={kind.value}
                          id={`setup-kind-${kind.value}`}
                          value={kind.value}
                          label={kind.label}
                          description={kind.description}
                        />
                      ))}
                    </Stack>
                  </Radio.Group>
                </Stack>
              </Fieldset>

              <Divider />

              <Fieldset legend="Your account" variant="unstyled" styles={legendStyles}>
                <Stack gap="md">
                  <Text size="sm" c="dimmed">
                    You will be the first administrator of the programme.
                  </Text>
                  <TextInput
                    id={fieldIds["admin.name"]}
                    label="Your name"
                    autoComplete="name"
                    required
                    withAsterisk={false}
                    value={values.adminName}
                    onChange={(event) => update("adminName", event.currentTarget.value, "admin.name")}
                    error={errors["admin.name"]}
                  />
                  <TextInput
                    id={fieldIds["admin.email"]}
                    label="Email"
                    type="email"
                    autoComplete="email"
                    required
                    withAsterisk={false}
                    value={values.email}
                    onChange={(event) => update("email", event.currentTarget.value, "admin.email")}
                    error={errors["admin.email"]}
                  />
                  <PasswordInput
                    id={fieldIds["admin.password"]}
                    label="Password"
                    description={`At least ${passwordRules.minWithoutSecondFactor} characters. A short phrase of unrelated words is strong and easy to remember.`}
                    autoComplete="new-password"
                    required
                    withAsterisk={false}
                    value={values.password}
                    onChange={(event) => update("password", event.currentTarget.value, "admin.password")}
                    error={errors["admin.password"]}
                    visibilityToggleFocusable
                    visibilityToggleButtonProps={{ "aria-label": "Show the characters you typed" }}
                  />
                </Stack>
              </Fieldset>

              {alreadySetUp ? (
                <Alert color="lantern" title="Lantern is already set up" role="alert">
                  <Text size="sm">
                    Someone has already finished setting up this Lantern, so there is nothing more to do here.{" "}
                    <Anchor
                      component={Link}
                      to="/sign-in"
                      onClick={() => queryClient.setQueryData(queryKeys.setup, { needed: false })}
                    >
                      Go to sign in
                    </Anchor>
                  </Text>
                </Alert>
              ) : null}

              {formError ? (
                <Alert color="red" title="Setup did not finish" role="alert">
                  {formError}
                </Alert>
              ) : null}

              <Button type="submit" size="md" loading={mutation.isPending}>
                Create programme
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}
