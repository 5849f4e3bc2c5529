import { type ExerciseAnswers as Answers, type ExerciseTemplate, isAnswered } from "@lantern/domain";
import { List, Stack, Text, Title } from "@mantine/core";

/** A filled exercise, read-only: each section's prompts with what was written. */
export function ExerciseAnswers({
  template,
  answers,
  level,
}: {
  template: ExerciseTemplate;
  answers: Answers;
  level: 3 | 4;
}) {
  return (
    <Stack gap="sm">
      {template.sections.map((section) => (
        <Stack key={section.id} gap={4}>
          <Title order={level} size="h5">
            {section.title}
          </Title>
          {section.prompts.map((prompt) => {
            const answer = answers[prompt.id];
            return (
              <Stack key={prompt.id} gap={2}>
                <Text size="sm" fw={600}>
                  {prompt.label}
                </Text>
                {!isAnswered(answer) ? (
                  <Text size="sm" c="dimmed">
                    Not answered.
                  </Text>
                ) : typeof answer === "string" ? (
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {answer}
                  </Text>
                ) : Array.isArray(answer) ? (
                  <List size="sm">
                    {answer
                      .filter((item) => item.trim() !== "")
                      .map((item, index) => (
                        <List.Item key={index}>{item}</List.Item>
                      ))}
                  </List>
                ) : (
                  // Row by row rather than a wide table, so it reads on a phone without scrolling sideways.
                  <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                    {prompt.rows
                      ?.filter((row) => isAnswered({ [row.id]: answer?.[row.id] ?? {} }))
                      .map((row) => (
                        <li key={row.id}>
                          <Text size="sm" fw={600} c="dimmed">
                            {row.label}
                          </Text>
                          {prompt.columns
                            ?.filter((column) => (answer?.[row.id]?.[column.id] ?? "").trim() !== "")
                            .map((column) => (
                              <Text size="sm" key={column.id}>
                                {column.label}: {answer?.[row.id]?.[column.id]}
                              </Text>
                            ))}
                        </li>
                      ))}
                  </Stack>
                )}
              </Stack>
            );
          })}
        </Stack>
      ))}
    </Stack>
  );
}
