// An API problem in words: the server's detail, then what to do.
import type { ApiProblem } from '../api/problem';

export function ProblemNotice({ problem }: { problem: ApiProblem }) {
  return (
    <p class="problem" role="alert">
      {problem.detail}
      {problem.advice && <> {problem.advice}</>}
    </p>
  );
}
